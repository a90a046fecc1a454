#pragma once
// The KV operations of /v1/txn on the state store, with Consul's semantics and error texts:
// every operation runs in order (each sees what the ones before it wrote), a failed one is
// reported with its position and changes nothing, and after any failure the whole
// transaction is undone.

#include "fsm/Command.h"
#include "state/StateStore.h"

namespace qonsul::fsm {

// True for the verbs that write (set, cas, lock, unlock and the deletes): a transaction with
// one of them goes through Raft; one without is a read.
bool isKvWrite(TxnKvVerb verb);

// A transaction with writes, applied at `index` by the FSM.
TxnOutcome applyKvTxn(state::StateStore &store, uint64_t index, int64_t nowMs,
                      const std::vector<TxnKvOp> &ops);

// A transaction of reads only (get, get-tree, check-*), answered from the store as it is.
TxnOutcome readKvTxn(const state::StateStore &store, const std::vector<TxnKvOp> &ops);

} // namespace qonsul::fsm
