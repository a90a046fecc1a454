#include "cli/UnixSignals.h"

#include <QSocketNotifier>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace qonsul {

namespace {
// The write end of the self-pipe: a signal handler can reach nothing else.
volatile int signalWriteFd = -1;

void onSignal(int number)
{
    const char byte = static_cast<char>(number);
    if (signalWriteFd >= 0) [[maybe_unused]]
        auto n = ::write(signalWriteFd, &byte, 1);
}
} // namespace

UnixSignals::UnixSignals(QObject *parent) : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, m_fds) != 0)
        return;
    signalWriteFd = m_fds[0];
    m_notifier = new QSocketNotifier(m_fds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &UnixSignals::readSignal);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int s : {SIGHUP, SIGINT, SIGTERM})
        ::sigaction(s, &action, nullptr);
}

UnixSignals::~UnixSignals()
{
    for (int s : {SIGHUP, SIGINT, SIGTERM})
        ::signal(s, SIG_DFL);
    signalWriteFd = -1;
    for (int fd : m_fds)
        if (fd >= 0)
            ::close(fd);
}

void UnixSignals::readSignal()
{
    char byte = 0;
    if (::read(m_fds[1], &byte, 1) != 1)
        return;
    switch (byte) {
    case SIGHUP:
        Q_EMIT hangup();
        break;
    case SIGINT:
        Q_EMIT interrupt();
        break;
    case SIGTERM:
        Q_EMIT terminate();
        break;
    default:
        break;
    }
}

} // namespace qonsul
