// exec's jobs on this agent (Consul's agent/remote_exec.go): the job read from KV, the ack,
// then the command run by RemoteExecJob, its output and exit code written under this node's
// keys with the job's session.

#include "agent/Agent.h"
#include "agent/RemoteExec.h"
#include "agent/ServerPool.h"
#include "server/Server.h"
#include "state/StateStore.h"

#include <QCborArray>
#include <QCborValue>
#include <QPointer>
#include <QTimer>

namespace qonsul {

namespace {

const QString agentLog = QStringLiteral("agent");
constexpr int kvReadMs = 7'000;
// Consul reads the job stale, then consistently; a server that had not caught up with the
// job's write has after this.
constexpr int secondReadMs = 1'000;

} // namespace

void Agent::readKv(const QString &key, std::function<void(std::optional<QByteArray>)> then)
{
    if (m_server) {
        const state::KvEntry *entry = m_server->store().kvGet(key.toStdString());
        then(entry ? std::optional(QByteArray::fromStdString(entry->value)) : std::nullopt);
        return;
    }
    m_serverPool->call("KVS.Get", key.toUtf8(), kvReadMs,
                       [then = std::move(then)](const Expected<QByteArray> &answer) {
                           const QCborArray found =
                               answer ? QCborValue::fromCbor(*answer).toArray() : QCborArray();
                           if (found.size() == 2 && found.at(0).toBool())
                               then(found.at(1).toByteArray());
                           else
                               then(std::nullopt);
                       });
}

void Agent::runRemoteExec(const UserEvent &event)
{
    m_logger.debug(agentLog, QStringLiteral("received remote exec event (ID: %1)").arg(event.id));
    const Expected<RemoteExecEvent> where = decodeRemoteExecEvent(event.payload.value_or(""));
    if (!where) {
        m_logger.error(agentLog,
                       QStringLiteral("failed to decode remote exec event: %1").arg(where.error()));
        return;
    }
    const QString base = joinKeyPath({where->prefix, where->session});
    const QString session = where->session;
    QPointer<Agent> self(this);
    readKv(joinKeyPath({base, QStringLiteral("job")}), [self, base,
                                                        session](std::optional<QByteArray> job) {
        if (!self)
            return;
        if (job) {
            self->startRemoteExecJob(base, session, *job);
            return;
        }
        self->m_logger.debug(agentLog,
                             QStringLiteral("trying consistent fetch of remote exec job spec"));
        QTimer::singleShot(secondReadMs, self, [self, base, session] {
            self->readKv(joinKeyPath({base, QStringLiteral("job")}),
                         [self, base, session](std::optional<QByteArray> again) {
                             if (!self)
                                 return;
                             if (again)
                                 self->startRemoteExecJob(base, session, *again);
                             else
                                 self->m_logger.debug(
                                     agentLog,
                                     QStringLiteral("remote exec aborted, job spec missing"));
                         });
        });
    });
}

void Agent::startRemoteExecJob(const QString &base, const QString &session, const QByteArray &job)
{
    Expected<RemoteExecSpec> spec = decodeRemoteExecSpec(job);
    if (!spec) {
        m_logger.error(agentLog,
                       QStringLiteral("failed to decode remote exec spec: %1").arg(spec.error()));
        return;
    }
    const QString nodeBase = joinKeyPath({base, m_config.nodeName});
    QPointer<Agent> self(this);
    // Each key is taken with the job's session, as a lock: a session gone refuses the write.
    RemoteExecJob::Write write = [self, nodeBase,
                                  session](const QString &suffix, const QByteArray &value,
                                           std::function<void(const QString &)> done) {
        if (!self)
            return;
        fsm::KvCommand kv;
        kv.op = fsm::KvOp::Lock;
        kv.key = joinKeyPath({nodeBase, suffix}).toStdString();
        kv.value = value.toStdString();
        kv.session = session.toStdString();
        self->proposeToCatalog(fsm::Command{0, kv}, [done](const fsm::ApplyResult &result) {
            done(!result.error.empty() ? QString::fromStdString(result.error)
                 : result.value        ? QString()
                                       : QStringLiteral("write failed"));
        });
    };
    write(QStringLiteral("ack"), {},
          [self, spec = std::move(*spec), write](const QString &error) mutable {
              if (!self)
                  return;
              if (!error.isEmpty()) {
                  self->m_logger.error(
                      agentLog, QStringLiteral("failed to ack remote exec job: %1").arg(error));
                  return;
              }
              auto job = std::make_unique<RemoteExecJob>(std::move(spec), write, self->m_logger);
              RemoteExecJob *running = job.get();
              connect(running, &RemoteExecJob::finished, self, [self, running] {
                  // Later: the job is still in the middle of emitting.
                  QMetaObject::invokeMethod(
                      self,
                      [self, running] {
                          std::erase_if(self->m_remoteExecJobs,
                                        [running](const auto &j) { return j.get() == running; });
                      },
                      Qt::QueuedConnection);
              });
              self->m_remoteExecJobs.push_back(std::move(job));
              running->start();
          });
}

} // namespace qonsul
