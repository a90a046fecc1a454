#pragma once
// Turns SIGHUP, SIGINT and SIGTERM into Qt signals on the event loop (self-pipe: the handler
// only writes the signal number to a socket). Signal dispositions are per process, so only
// one instance may exist at a time.

#include <QObject>

class QSocketNotifier;

namespace qonsul {

class UnixSignals : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

Q_SIGNALS:
    void hangup();
    void interrupt();
    void terminate();

private:
    void readSignal();

    int m_fds[2] = {-1, -1};
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace qonsul
