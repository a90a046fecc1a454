#include "fsm/Fsm.h"

#include "fsm/Txn.h"

namespace qonsul::fsm {

namespace {

template <class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

} // namespace

ApplyResult Fsm::apply(uint64_t index, const Command &command)
{
    m_store.setIndex(index);
    const int64_t now = command.proposedAtMs;
    ApplyResult result;
    result.index = index;
    std::visit(
        Overloaded{
            [&](const KvCommand &kv) {
                switch (kv.op) {
                case KvOp::Set:
                    m_store.kvSet(index, kv.key, kv.value, kv.flags);
                    break;
                case KvOp::Cas:
                    result.value = m_store.kvCas(index, kv.key, kv.value, kv.flags, kv.casIndex);
                    break;
                case KvOp::Lock:
                    if (!m_store.session(kv.session)) {
                        result.value = false;
                        result.error = "invalid session \"" + kv.session + "\"";
                        break;
                    }
                    result.value = m_store.kvLock(index, kv.key, kv.value, kv.flags, kv.session,
                                                  now) == state::LockResult::Acquired;
                    break;
                case KvOp::Unlock:
                    // Unlike acquire, releasing with a session that is gone is just refused
                    // (false), as Consul does: the lock was already released with it.
                    result.value = m_store.kvUnlock(index, kv.key, kv.value, kv.flags, kv.session);
                    break;
                case KvOp::Delete:
                    m_store.kvDelete(index, kv.key);
                    break;
                case KvOp::DeleteCas:
                    result.value = m_store.kvDeleteCas(index, kv.key, kv.casIndex);
                    break;
                case KvOp::DeleteTree:
                    m_store.kvDeleteTree(index, kv.key);
                    break;
                }
            },
            [&](const TxnCommand &txn) { result.txn = applyTxn(m_store, index, now, txn.ops); },
            [&](const RegisterCommand &r) {
                result.error =
                    m_store.ensureRegistration(index, r.node, r.service ? &*r.service : nullptr,
                                               r.checks, r.skipNodeUpdate, now);
            },
            [&](const DeregisterCommand &d) {
                if (!d.serviceId.empty())
                    m_store.deleteService(index, d.node, d.serviceId, now);
                else if (!d.checkId.empty())
                    m_store.deleteCheck(index, d.node, d.checkId, now);
                else
                    m_store.deleteNode(index, d.node, now);
            },
            [&](const SessionCreateCommand &s) {
                result.error = m_store.sessionCreate(index, s.session);
            },
            [&](const SessionDestroyCommand &s) { m_store.sessionDestroy(index, s.id, now); },
            [&](const IntentionCommand &c) {
                if (c.op == IntentionOp::Delete) {
                    if (!m_store.intentionDelete(index, c.intention.id))
                        result.error =
                            "Cannot modify non-existent intention: '" + c.intention.id + "'";
                    return;
                }
                result.error =
                    m_store.intentionSet(index, c.intention, c.op == IntentionOp::Create);
            },
            [&](const CaSetCommand &c) { m_store.caSet(index, c.roots, c.config); },
            [&](const CoordinateBatchCommand &c) {
                m_store.coordinateBatchUpdate(index, c.updates);
            },
        },
        command.body);
    if (!result.error.empty())
        result.value = false;
    return result;
}

} // namespace qonsul::fsm
