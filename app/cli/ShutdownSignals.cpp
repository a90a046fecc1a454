#include "ShutdownSignals.h"

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace qonsul::cli {

namespace {

// The write end of the pipe, for the async-signal-safe handler. Only one watcher installs
// handlers at a time, so this is the single piece of process-wide state here.
volatile int signalPipeWriteEnd = -1;

void onSignal(int)
{
    const char byte = 1;
    if (signalPipeWriteEnd >= 0) [[maybe_unused]]
        auto written = ::write(signalPipeWriteEnd, &byte, 1);
}

} // namespace

ShutdownSignals::ShutdownSignals(QObject *parent) : QObject(parent)
{
    if (::pipe(m_fds) != 0)
        return;
    ::fcntl(m_fds[0], F_SETFL, O_NONBLOCK);
    ::fcntl(m_fds[1], F_SETFL, O_NONBLOCK);
    signalPipeWriteEnd = m_fds[1];
    m_notifier = std::make_unique<QSocketNotifier>(m_fds[0], QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, [this] {
        char buffer[16];
        while (::read(m_fds[0], buffer, sizeof buffer) > 0) {
        }
        Q_EMIT shutdownRequested();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

ShutdownSignals::~ShutdownSignals()
{
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    signalPipeWriteEnd = -1;
    m_notifier.reset();
    for (int fd : m_fds) {
        if (fd >= 0)
            ::close(fd);
    }
}

} // namespace qonsul::cli
