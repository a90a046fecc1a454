// `qonsul lock [options] prefix child...`: runs a child process while holding a lock on
// <prefix>/.lock (a session with a TTL, kept alive while the child runs). When the child
// exits the lock is released, the session destroyed and the key removed if no one holds it.
// If the lock is lost, or on SIGINT/SIGTERM/SIGHUP, the child gets SIGTERM, then SIGKILL
// after 5 s.
// Semaphores (-n > 1) are not supported yet.

#include "Commands.h"
#include "UnixSignals.h"
#include "api/AgentApi.h"
#include "api/KvLock.h"
#include "api/SyncCall.h"
#include "util/GoDuration.h"

#include <QEventLoop>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>
#include <csignal>
#include <cstring>

namespace qonsul::cli {

namespace {

constexpr std::chrono::seconds killGracePeriod{5};

// Go's exec error text for how a child ended ("exit status 3", "signal: terminated").
QString childFailure(const QProcess &process)
{
    if (process.exitStatus() == QProcess::CrashExit) {
        QString name = QString::fromLocal8Bit(::strsignal(process.exitCode()));
        if (!name.isEmpty())
            name[0] = name[0].toLower();
        return QStringLiteral("signal: ") + name;
    }
    return QStringLiteral("exit status %1").arg(process.exitCode());
}

class LockCommand : public ClientCommand
{
public:
    explicit LockCommand(Ui &ui) : ClientCommand(ui)
    {
        m_flags.addBool("child-exit-code", &m_propagateChildCode,
                        "Exit 2 when the child process fails, instead of always 0. The default "
                        "value is false.");
        m_flags.addInt("n", &m_limit,
                       "Number of holders allowed at once; above 1 the lock becomes a semaphore "
                       "(not supported by Qonsul yet).");
        m_flags.addInt("monitor-retry", &m_monitorRetry,
                       "Errors tolerated while watching the held lock before it counts as lost "
                       "(one second apart). 0 disables retries.");
        m_flags.addString("name", &m_name,
                          "Name of the lock's session. Defaults to one made from the command.");
        m_flags.addBool("pass-stdin", &m_passStdin, "Give the child process our standard input.");
        m_flags.addBool("shell", &m_shell,
                        "Run the child through a shell ($SHELL, else /bin/sh) with -c.");
        m_flags.addDuration("timeout", &m_timeout,
                            "Give up if the lock is not acquired within this duration (\"1s\", "
                            "\"3h\"). 0 waits forever.");
        m_flags.addBool("verbose", &m_verbose, "Print what the command is doing.");
        m_flags.addDuration("try", &m_timeout, "DEPRECATED. Use -timeout instead.");
        addHttpFlags(true);
    }

    QString synopsis() const override { return QStringLiteral("Execute a command holding a lock"); }
    QString help() const override
    {
        return m_flags.usage(QStringLiteral(R"(
Usage: qonsul lock [options] prefix child...

  Acquires a lock at <prefix>/.lock in the key-value store, then runs the child
  process, which may assume it holds the lock while it runs. If the lock is lost
  the child gets SIGTERM and, after a grace period, SIGKILL.

  The lock needs write access to the prefix.
)"));
    }

    int run(const QStringList &args) override
    {
        const auto extra = parseFlags(args);
        if (!extra)
            return 1;
        if (m_limit <= 0)
            return fail(QStringLiteral("Lock holder limit must be positive"));
        if (extra->size() < 2)
            return fail(QStringLiteral("Key prefix and child command must be specified"));
        QString prefix = extra->first();
        if (prefix.startsWith(QLatin1Char('/')))
            prefix.remove(0, 1);
        m_child = extra->mid(1);
        if (m_timeout.count() < 0)
            return fail(QStringLiteral("Timeout must be positive"));
        if (m_name.isEmpty())
            m_name = QStringLiteral("Consul lock for '%1' at '%2'").arg(m_child.join(' '), prefix);
        if (m_monitorRetry < 0)
            return fail(QStringLiteral("Number for 'monitor-retry' must be >= 0"));

        m_client = makeClient();
        if (!m_client)
            return 1;
        if (const auto node = callSync(*m_client, AgentApi::nodeName()); !node)
            return fail(QStringLiteral("Error querying Consul agent: ") + node.error());
        if (m_limit > 1)
            return fail(QStringLiteral("Lock setup failed: semaphores (-n greater than 1) are not "
                                       "supported by Qonsul yet"));

        KvLockOptions options;
        options.key =
            prefix.isEmpty() ? QStringLiteral(".lock") : prefix + QStringLiteral("/.lock");
        while (options.key.contains(QLatin1String("//"))) // Go's path.Join cleans the path
            options.key.replace(QLatin1String("//"), QLatin1String("/"));
        options.sessionName = m_name;
        options.monitorRetries = m_monitorRetry;
        if (m_timeout.count() > 0) {
            options.tryOnce = true;
            options.waitTime = std::chrono::duration_cast<std::chrono::milliseconds>(m_timeout);
        }
        info(QStringLiteral("Setting up lock at path: ") + options.key);
        return runLocked(options);
    }

private:
    int runLocked(const KvLockOptions &options)
    {
        KvLock lock(m_client.get(), options);
        UnixSignals shutdown;
        QEventLoop loop;
        QProcess process;
        QTimer killTimer;
        killTimer.setSingleShot(true);
        bool shuttingDown = false;
        int childCode = 0;
        int exitCode = 0;

        auto finish = [&](int code) {
            exitCode = code;
            loop.quit();
        };
        auto release = [&] { lock.unlock(); };
        auto killChild = [&] {
            if (process.state() == QProcess::NotRunning) {
                info(QStringLiteral("No child process to kill"));
                release();
                return;
            }
            info(QStringLiteral("Terminating child pid %1").arg(process.processId()));
            ::kill(pid_t(process.processId()), SIGTERM);
            killTimer.start(killGracePeriod);
        };

        QObject::connect(&killTimer, &QTimer::timeout, [&] {
            info(QStringLiteral("Child did not exit after grace period of %1")
                     .arg(QString::fromStdString(util::formatGoDuration(
                         std::chrono::nanoseconds(killGracePeriod).count()))));
            info(QStringLiteral("Killing child pid %1").arg(process.processId()));
            process.kill();
        });
        QObject::connect(&lock, &KvLock::failed, [&](const QString &error) {
            ui().error(QStringLiteral("Lock acquisition failed: ") + error);
            finish(1);
        });
        QObject::connect(&lock, &KvLock::notAcquired, [&] {
            ui().error(QStringLiteral("Shutdown triggered or timeout during lock acquisition"));
            finish(1);
        });
        QObject::connect(&lock, &KvLock::acquired, [&] {
            if (shuttingDown) {
                ui().error(QStringLiteral("Shutdown triggered during lock acquisition"));
                release();
                return;
            }
            startChild(process);
        });
        QObject::connect(&process, &QProcess::errorOccurred, [&](QProcess::ProcessError error) {
            if (error != QProcess::FailedToStart)
                return;
            ui().error(QStringLiteral("Error starting handler: ") + process.errorString());
            childCode = 2;
            release();
        });
        QObject::connect(&process, &QProcess::finished, [&](int code, QProcess::ExitStatus status) {
            const bool wasKilled = killTimer.isActive() || shuttingDown;
            killTimer.stop();
            if (code != 0 || status != QProcess::NormalExit) {
                ui().error(QStringLiteral("Error running handler: ") + childFailure(process));
                if (!wasKilled)
                    childCode = 2;
            }
            if (wasKilled)
                info(QStringLiteral("Child terminated"));
            else
                info(QStringLiteral("Child terminated, releasing lock"));
            release();
        });
        QObject::connect(&lock, &KvLock::lost, [&] {
            if (shuttingDown)
                return;
            shuttingDown = true;
            info(QStringLiteral("Lock lost, killing child"));
            killChild();
        });
        // SIGINT and SIGTERM (and SIGHUP, which would otherwise kill us without cleanup).
        auto onShutdown = [&] {
            if (shuttingDown)
                return;
            shuttingDown = true;
            if (!lock.isHeld()) {
                lock.cancel();
                return;
            }
            info(QStringLiteral("Shutdown triggered, killing child"));
            killChild();
        };
        QObject::connect(&shutdown, &UnixSignals::interrupt, onShutdown);
        QObject::connect(&shutdown, &UnixSignals::terminate, onShutdown);
        QObject::connect(&shutdown, &UnixSignals::hangup, onShutdown);
        QObject::connect(&lock, &KvLock::released, [&](const QString &error) {
            if (!error.isEmpty()) {
                ui().error(QStringLiteral("Lock release failed: ") + error);
                finish(1);
                return;
            }
            lock.destroyKey();
        });
        QObject::connect(&lock, &KvLock::keyDestroyed, [&](const QString &error) {
            if (error == KvLock::errorLockInUse()) {
                info(QStringLiteral("Cleanup aborted, lock in use"));
            } else if (!error.isEmpty()) {
                ui().error(QStringLiteral("Lock cleanup failed: ") + error);
                finish(1);
                return;
            } else {
                info(QStringLiteral("Cleanup succeeded"));
            }
            finish(m_propagateChildCode ? childCode : 0);
        });

        info(QStringLiteral("Attempting lock acquisition"));
        lock.lock();
        loop.exec();
        return exitCode;
    }

    void startChild(QProcess &process)
    {
        info(QStringLiteral("Starting handler"));
        if (m_shell) {
            QString shell = qEnvironmentVariable("SHELL");
            if (shell.isEmpty())
                shell = QStringLiteral("/bin/sh");
            process.setProgram(shell);
            process.setArguments({QStringLiteral("-c"), m_child.join(' ')});
        } else {
            process.setProgram(m_child.first());
            process.setArguments(m_child.mid(1));
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CONSUL_LOCK_HELD"), QStringLiteral("true"));
        process.setProcessEnvironment(env);
        process.setProcessChannelMode(QProcess::ForwardedChannels);
        if (m_passStdin) {
            info(QStringLiteral("Stdin passed to handler process"));
            process.setInputChannelMode(QProcess::ForwardedInputChannel);
        } else {
            process.setStandardInputFile(QProcess::nullDevice());
        }
        process.start();
    }

    void info(const QString &message)
    {
        if (m_verbose)
            ui().output(message);
    }

    int fail(const QString &message)
    {
        ui().error(message);
        return 1;
    }

    bool m_propagateChildCode = false;
    int m_limit = 1;
    int m_monitorRetry = 3;
    QString m_name;
    bool m_passStdin = false;
    bool m_shell = true;
    std::chrono::nanoseconds m_timeout{0};
    bool m_verbose = false;
    QStringList m_child;
    std::unique_ptr<ApiClient> m_client;
};

} // namespace

std::unique_ptr<Command> makeLockCommand(Ui &ui)
{
    return std::make_unique<LockCommand>(ui);
}

} // namespace qonsul::cli
