#pragma once
// SIGINT and SIGTERM delivered as a Qt signal (self-pipe + QSocketNotifier), so that a
// long-running command (lock) can clean up instead of dying. One instance at a time.

#include <QObject>
#include <QSocketNotifier>
#include <memory>

namespace qonsul::cli {

class ShutdownSignals : public QObject
{
    Q_OBJECT
public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void shutdownRequested();

private:
    int m_fds[2] = {-1, -1};
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace qonsul::cli
