#include "fsm/Txn.h"

#include "state/StateStore.h"

#include <algorithm>

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

void addEntry(std::vector<TxnResult> &results, const state::KvEntry &entry, bool withValue)
{
    TxnKvResult result{entry, withValue};
    if (!withValue)
        result.entry.value.clear();
    results.emplace_back(std::move(result));
}

// The reads, shared by both kinds of transaction. An error text, or empty.
std::string read(const state::StateStore &store, const TxnKvOp &op, std::vector<TxnResult> &results)
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
                  std::vector<TxnResult> &results)
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

// ---- Node, Service and Check operations --------------------------------------------------

const state::Service *findService(const state::StateStore &store, const std::string &node,
                                  const std::string &id)
{
    for (const state::Service *service : store.nodeServices(node))
        if (service->id == id)
            return service;
    return nullptr;
}

const state::Check *findCheck(const state::StateStore &store, const std::string &node,
                              const std::string &id)
{
    for (const state::Check *check : store.nodeChecks(node))
        if (check->checkId == id)
            return check;
    return nullptr;
}

std::string unknownVerb(const char *table, const TxnCatalogOp &op)
{
    return std::string("unknown ") + table + " verb " + quoted(op.unknownVerb);
}

std::string readCatalog(const state::StateStore &store, const TxnCatalogOp &op,
                        std::vector<TxnResult> &results)
{
    if (op.verb != TxnCatalogVerb::Get)
        return unknownVerb(op.table == TxnCatalogTable::Node      ? "Node"
                           : op.table == TxnCatalogTable::Service ? "Service"
                                                                  : "Check",
                           op);
    switch (op.table) {
    case TxnCatalogTable::Node:
        if (const state::Node *node = store.node(op.node.name)) {
            results.emplace_back(*node);
            return {};
        }
        return "node " + quoted(op.node.name) + " doesn't exist";
    case TxnCatalogTable::Service:
        if (const state::Service *service = findService(store, op.node.name, op.service.id)) {
            results.emplace_back(*service);
            return {};
        }
        return "service " + quoted(op.service.id) + " on node " + quoted(op.node.name) +
               " doesn't exist";
    case TxnCatalogTable::Check:
        if (const state::Check *check = findCheck(store, op.check.node, op.check.checkId)) {
            results.emplace_back(*check);
            return {};
        }
        return "check " + quoted(op.check.checkId) + " on node " + quoted(op.check.node) +
               " doesn't exist";
    }
    return {};
}

std::string writeNode(state::StateStore &store, uint64_t index, int64_t nowMs,
                      const TxnCatalogOp &op, std::vector<TxnResult> &results)
{
    const std::string &name = op.node.name;
    const state::Node *existing = store.node(name);
    switch (op.verb) {
    case TxnCatalogVerb::Cas:
        if ((existing ? existing->modifyIndex : 0) != op.index)
            return "failed to set node " + quoted(name) + ", index is stale";
        [[fallthrough]];
    case TxnCatalogVerb::Set: {
        if (std::string error = store.ensureRegistration(index, op.node, nullptr, {}, false, nowMs);
            !error.empty())
            return error;
        results.emplace_back(*store.node(name));
        return {};
    }
    case TxnCatalogVerb::DeleteCas:
        if (!existing || existing->modifyIndex != op.index)
            return "failed to delete node " + quoted(name) + ", index is stale";
        [[fallthrough]];
    case TxnCatalogVerb::Delete:
        if (existing)
            store.deleteNode(index, name, nowMs);
        return {};
    default:
        return readCatalog(store, op, results);
    }
}

std::string writeService(state::StateStore &store, uint64_t index, int64_t nowMs,
                         const TxnCatalogOp &op, std::vector<TxnResult> &results)
{
    const std::string &nodeName = op.node.name;
    const state::Service *existing = findService(store, nodeName, op.service.id);
    switch (op.verb) {
    case TxnCatalogVerb::Cas:
        if ((existing ? existing->modifyIndex : 0) != op.index)
            return "failed to set service " + quoted(op.service.id) + " on node " +
                   quoted(nodeName) + ", index is stale";
        [[fallthrough]];
    case TxnCatalogVerb::Set: {
        const state::Node *node = store.node(nodeName);
        if (!node)
            return "failed inserting service: Missing node registration";
        const state::Node owner = *node;
        if (std::string error =
                store.ensureRegistration(index, owner, &op.service, {}, true, nowMs);
            !error.empty())
            return error;
        results.emplace_back(*findService(store, nodeName, op.service.id));
        return {};
    }
    case TxnCatalogVerb::DeleteCas:
        if (!existing || existing->modifyIndex != op.index)
            return "failed to delete service " + quoted(op.service.id) + " on node " +
                   quoted(nodeName) + ", index is stale";
        [[fallthrough]];
    case TxnCatalogVerb::Delete:
        if (existing)
            store.deleteService(index, nodeName, op.service.id, nowMs);
        return {};
    default:
        return readCatalog(store, op, results);
    }
}

std::string writeCheck(state::StateStore &store, uint64_t index, int64_t nowMs,
                       const TxnCatalogOp &op, std::vector<TxnResult> &results)
{
    const state::Check &check = op.check;
    const state::Check *existing = findCheck(store, check.node, check.checkId);
    switch (op.verb) {
    case TxnCatalogVerb::Cas:
        if ((existing ? existing->modifyIndex : 0) != op.index)
            return "failed to set check " + quoted(check.checkId) + " on node " +
                   quoted(check.node) + ", index is stale";
        [[fallthrough]];
    case TxnCatalogVerb::Set: {
        const state::Node *node = store.node(check.node);
        if (!node)
            return "Missing node registration";
        const state::Node owner = *node;
        if (std::string error =
                store.ensureRegistration(index, owner, nullptr, {check}, true, nowMs);
            !error.empty())
            return error;
        results.emplace_back(*findCheck(store, check.node, check.checkId));
        return {};
    }
    case TxnCatalogVerb::DeleteCas:
        if (!existing || existing->modifyIndex != op.index)
            return "failed to delete check " + quoted(check.checkId) + " on node " +
                   quoted(check.node) + ", index is stale";
        [[fallthrough]];
    case TxnCatalogVerb::Delete:
        if (existing)
            store.deleteCheck(index, check.node, check.checkId, nowMs);
        return {};
    default:
        return readCatalog(store, op, results);
    }
}

std::string writeCatalog(state::StateStore &store, uint64_t index, int64_t nowMs,
                         const TxnCatalogOp &op, std::vector<TxnResult> &results)
{
    switch (op.table) {
    case TxnCatalogTable::Node:
        return writeNode(store, index, nowMs, op, results);
    case TxnCatalogTable::Service:
        return writeService(store, index, nowMs, op, results);
    case TxnCatalogTable::Check:
        return writeCheck(store, index, nowMs, op, results);
    }
    return {};
}

template <typename Run> TxnOutcome dispatch(const std::vector<TxnOp> &ops, Run run)
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

bool isWrite(const TxnOp &op)
{
    if (const auto *catalog = std::get_if<TxnCatalogOp>(&op))
        return catalog->verb != TxnCatalogVerb::Get && catalog->verb != TxnCatalogVerb::Unknown;
    switch (std::get<TxnKvOp>(op).verb) {
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

TxnOutcome applyTxn(state::StateStore &store, uint64_t index, int64_t nowMs,
                    const std::vector<TxnOp> &ops)
{
    const bool catalog = std::any_of(ops.begin(), ops.end(), [](const TxnOp &op) {
        return std::holds_alternative<TxnCatalogOp>(op) && isWrite(op);
    });
    TxnOutcome outcome;
    store.transaction(
        [&] {
            outcome = dispatch(ops, [&](const TxnOp &op, std::vector<TxnResult> &results) {
                if (const auto *kv = std::get_if<TxnKvOp>(&op))
                    return write(store, index, nowMs, *kv, results);
                return writeCatalog(store, index, nowMs, std::get<TxnCatalogOp>(op), results);
            });
            return outcome.errors.empty();
        },
        catalog);
    return outcome;
}

TxnOutcome readTxn(const state::StateStore &store, const std::vector<TxnOp> &ops)
{
    return dispatch(ops, [&](const TxnOp &op, std::vector<TxnResult> &results) {
        if (const auto *kv = std::get_if<TxnKvOp>(&op))
            return read(store, *kv, results);
        return readCatalog(store, std::get<TxnCatalogOp>(op), results);
    });
}

} // namespace qonsul::fsm
