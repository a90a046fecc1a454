#include "fsm/KvTxn.h"

namespace qonsul::fsm {

namespace {

// Go's %q for the keys and sessions in error texts (they are plain text in practice).
std::string quoted(const std::string &text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

void addEntry(std::vector<TxnKvResult> &results, const state::KvEntry &entry, bool withValue)
{
    TxnKvResult result{entry, withValue};
    if (!withValue)
        result.entry.value.clear();
    results.push_back(std::move(result));
}

// The reads, shared by both kinds of transaction. An error text, or empty.
std::string read(const state::StateStore &store, const TxnKvOp &op,
                 std::vector<TxnKvResult> &results)
{
    const state::KvEntry *entry = store.kvGet(op.key);
    switch (op.verb) {
    case TxnKvVerb::Get:
        if (!entry)
            return "key " + quoted(op.key) + " doesn't exist";
        addEntry(results, *entry, true);
        return {};
    case TxnKvVerb::GetTree:
        for (const state::KvEntry *e : store.kvList(op.key))
            addEntry(results, *e, true);
        return {};
    case TxnKvVerb::CheckIndex:
        if (!entry)
            return "failed to check index, key " + quoted(op.key) + " doesn't exist";
        if (entry->modifyIndex != op.index)
            return "failed index check for key " + quoted(op.key) + ", current modify index " +
                   std::to_string(entry->modifyIndex) + " != " + std::to_string(op.index);
        addEntry(results, *entry, false);
        return {};
    case TxnKvVerb::CheckSession:
        if (!entry)
            return "failed to check session, key " + quoted(op.key) + " doesn't exist";
        if (entry->session != op.session)
            return "failed session check for key " + quoted(op.key) + ", current session " +
                   quoted(entry->session) + " != " + quoted(op.session);
        addEntry(results, *entry, false);
        return {};
    case TxnKvVerb::CheckNotExists:
        if (entry)
            return "key " + quoted(op.key) + " exists";
        return {};
    default:
        return "unknown KV verb " + quoted(op.unknownVerb);
    }
}

std::string write(state::StateStore &store, uint64_t index, int64_t nowMs, const TxnKvOp &op,
                  std::vector<TxnKvResult> &results)
{
    const auto written = [&] { addEntry(results, *store.kvGet(op.key), false); };
    switch (op.verb) {
    case TxnKvVerb::Set:
        store.kvSet(index, op.key, op.value, op.flags);
        written();
        return {};
    case TxnKvVerb::Cas:
        if (!store.kvCas(index, op.key, op.value, op.flags, op.index))
            return "failed to set key " + quoted(op.key) + ", index is stale";
        written();
        return {};
    case TxnKvVerb::Lock:
        if (op.session.empty())
            return "missing session";
        if (!store.session(op.session))
            return "invalid session " + quoted(op.session);
        if (store.kvLock(index, op.key, op.value, op.flags, op.session, nowMs, false) !=
            state::LockResult::Acquired)
            return "failed to lock key " + quoted(op.key) + ", lock is already held";
        written();
        return {};
    case TxnKvVerb::Unlock:
        if (op.session.empty())
            return "missing session";
        if (!store.kvUnlock(index, op.key, op.value, op.flags, op.session))
            return "failed to unlock key " + quoted(op.key) +
                   ", lock isn't held, or is held by another session";
        written();
        return {};
    case TxnKvVerb::Delete:
        store.kvDelete(index, op.key);
        return {};
    case TxnKvVerb::DeleteTree:
        store.kvDeleteTree(index, op.key);
        return {};
    case TxnKvVerb::DeleteCas:
        if (!store.kvDeleteCas(index, op.key, op.index))
            return "failed to delete key " + quoted(op.key) + ", index is stale";
        return {};
    default:
        return read(store, op, results);
    }
}

template <typename Run> TxnOutcome dispatch(const std::vector<TxnKvOp> &ops, Run run)
{
    TxnOutcome outcome;
    for (size_t i = 0; i < ops.size(); ++i) {
        std::string error = run(ops[i], outcome.results);
        if (!error.empty())
            outcome.errors.push_back({i, std::move(error)});
    }
    if (!outcome.errors.empty())
        outcome.results.clear();
    return outcome;
}

} // namespace

bool isKvWrite(TxnKvVerb verb)
{
    switch (verb) {
    case TxnKvVerb::Set:
    case TxnKvVerb::Cas:
    case TxnKvVerb::Lock:
    case TxnKvVerb::Unlock:
    case TxnKvVerb::Delete:
    case TxnKvVerb::DeleteTree:
    case TxnKvVerb::DeleteCas:
        return true;
    default:
        return false;
    }
}

TxnOutcome applyKvTxn(state::StateStore &store, uint64_t index, int64_t nowMs,
                      const std::vector<TxnKvOp> &ops)
{
    TxnOutcome outcome;
    store.kvTransaction([&] {
        outcome = dispatch(ops, [&](const TxnKvOp &op, std::vector<TxnKvResult> &results) {
            return write(store, index, nowMs, op, results);
        });
        return outcome.errors.empty();
    });
    return outcome;
}

TxnOutcome readKvTxn(const state::StateStore &store, const std::vector<TxnKvOp> &ops)
{
    return dispatch(ops, [&](const TxnKvOp &op, std::vector<TxnKvResult> &results) {
        return read(store, op, results);
    });
}

} // namespace qonsul::fsm
