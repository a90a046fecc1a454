#include "server/Server.h"

#include "util/Logger.h"

#include <QTimer>
#include <chrono>

namespace qonsul::server {

namespace {
constexpr size_t logTailLimit = 4096;
} // namespace

Server::Server(const QString &nodeName, const QString &raftAddress, Logger &logger, QObject *parent)
    : QObject(parent), m_nodeName(nodeName), m_raftAddress(raftAddress), m_logger(logger)
{
}

Server::~Server() = default;

int64_t Server::nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

void Server::bootstrapSingleNode()
{
    m_term = 1;
    m_leader = true;
    m_logger.info(QStringLiteral("raft"),
                  QStringLiteral("Node at %1 [Leader] entering Leader state").arg(m_raftAddress));
    m_logger.info(QStringLiteral("consul"), QStringLiteral("cluster leadership acquired"));
    m_logger.info(QStringLiteral("consul"),
                  QStringLiteral("New leader elected: %1").arg(m_nodeName));
    Q_EMIT leadershipAcquired();
}

fsm::ApplyResult Server::apply(fsm::Command command)
{
    if (!m_leader) {
        fsm::ApplyResult r;
        r.value = false;
        r.error = "No cluster leader";
        return r;
    }
    if (command.proposedAtMs == 0)
        command.proposedAtMs = nowMs();
    const uint64_t index = ++m_lastIndex;
    m_log.push_back(LogEntry{index, m_term, command});
    if (m_log.size() > logTailLimit)
        m_log.pop_front();
    // Single voter: the entry is committed once appended.
    fsm::ApplyResult result = m_fsm.apply(index, m_log.back().command);

    if (auto *created = std::get_if<fsm::SessionCreateCommand>(&command.body);
        created && result.error.empty())
        trackSession(created->session);
    if (auto *destroyed = std::get_if<fsm::SessionDestroyCommand>(&command.body))
        m_sessionTimers.erase(destroyed->id);

    m_watches.notify(m_store.takeChanges());
    Q_EMIT committed(index);
    return result;
}

void Server::trackSession(const state::Session &session)
{
    int64_t ttlNs = 0;
    if (session.ttl.empty() || !parseGoDuration(session.ttl, &ttlNs) || ttlNs <= 0)
        return;
    armSessionTimer(session.id,
                    static_cast<int64_t>(double(ttlNs / 1'000'000) * m_sessionTtlMultiplier));
}

void Server::armSessionTimer(const std::string &id, int64_t ttlMs)
{
    auto &timer = m_sessionTimers[id];
    if (!timer) {
        timer = std::make_unique<QTimer>();
        timer->setSingleShot(true);
        timer->setTimerType(Qt::CoarseTimer);
        QObject::connect(timer.get(), &QTimer::timeout, this, [this, id] {
            m_logger.info(QStringLiteral("consul.session"),
                          QStringLiteral("Session %1 TTL expired").arg(QString::fromStdString(id)));
            fsm::Command c;
            c.body = fsm::SessionDestroyCommand{id};
            apply(std::move(c)); // erases this timer: no access to it afterwards
        });
    }
    timer->start(static_cast<int>(std::min<int64_t>(ttlMs, INT32_MAX)));
}

bool Server::renewSession(const std::string &id)
{
    const state::Session *s = m_store.session(id);
    if (!s)
        return false;
    trackSession(*s);
    return true;
}

bool parseGoDuration(const std::string &text, int64_t *nanoseconds)
{
    if (text.empty())
        return false;
    size_t i = 0;
    bool negative = false;
    if (text[i] == '-' || text[i] == '+') {
        negative = text[i] == '-';
        ++i;
    }
    if (text.substr(i) == "0") {
        *nanoseconds = 0;
        return true;
    }
    double total = 0;
    bool any = false;
    while (i < text.size()) {
        size_t start = i;
        while (i < text.size() &&
               (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
            ++i;
        if (start == i)
            return false;
        double number = 0;
        try {
            number = std::stod(text.substr(start, i - start));
        } catch (...) {
            return false;
        }
        size_t unitStart = i;
        while (i < text.size() && !std::isdigit(static_cast<unsigned char>(text[i])) &&
               text[i] != '.')
            ++i;
        const std::string unit = text.substr(unitStart, i - unitStart);
        double scale = 0;
        if (unit == "ns")
            scale = 1;
        else if (unit == "us" || unit == "µs")
            scale = 1e3;
        else if (unit == "ms")
            scale = 1e6;
        else if (unit == "s")
            scale = 1e9;
        else if (unit == "m")
            scale = 60e9;
        else if (unit == "h")
            scale = 3600e9;
        else
            return false;
        total += number * scale;
        any = true;
    }
    if (!any || total > 9.2e18)
        return false;
    *nanoseconds = static_cast<int64_t>(negative ? -total : total);
    return true;
}

std::string formatGoDuration(int64_t ns)
{
    if (ns == 0)
        return "0s";
    std::string out;
    if (ns < 0) {
        out = "-";
        ns = -ns;
    }
    if (ns < 1'000'000'000) {
        if (ns % 1'000'000 == 0)
            return out + std::to_string(ns / 1'000'000) + "ms";
        return out + std::to_string(ns) + "ns";
    }
    int64_t totalSeconds = ns / 1'000'000'000;
    const int64_t fraction = ns % 1'000'000'000;
    const int64_t hours = totalSeconds / 3600;
    const int64_t minutes = (totalSeconds % 3600) / 60;
    const int64_t seconds = totalSeconds % 60;
    if (hours)
        out += std::to_string(hours) + "h";
    if (hours || minutes)
        out += std::to_string(minutes) + "m";
    out += std::to_string(seconds);
    if (fraction) {
        std::string f = std::to_string(fraction);
        f = std::string(9 - f.size(), '0') + f;
        while (!f.empty() && f.back() == '0')
            f.pop_back();
        out += "." + f;
    }
    return out + "s";
}

} // namespace qonsul::server
