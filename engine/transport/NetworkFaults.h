#pragma once
// Network faults the lab injects into one agent (qonsul lab partition|latency|loss): what the
// agent sends to a host it is partitioned from is lost, and everything else it sends waits
// `latencyMs` and is lost with probability `lossPercent`. Loss applies to datagrams and Raft's
// one-way messages; a call over TCP is only delayed, as TCP turns loss into delay. Applied
// where the agent sends (a partition is set on both sides), so that no root and no firewall
// are needed. Only an agent the lab started with -lab-faults has one.

#include <QJsonObject>
#include <random>
#include <set>
#include <string>

namespace qonsul::transport {

class NetworkFaults
{
public:
    struct Rules
    {
        std::set<std::string> partitionedFrom; // IP addresses
        int latencyMs = 0;
        int lossPercent = 0;
        bool operator==(const Rules &) const = default;
    };

    const Rules &rules() const { return m_rules; }
    void setRules(Rules rules) { m_rules = std::move(rules); }

    // What happens to one message for `address` (ip:port): lost, or sent after `delayMs`.
    struct Fate
    {
        bool lost = false;
        int delayMs = 0;
    };
    Fate datagram(const std::string &address); // may be lost at random
    Fate stream(const std::string &address);   // lost only to a partition

    // {"PartitionedFrom": [...], "LatencyMs": n, "LossPercent": n}: what the lab's endpoint
    // takes and gives; a bad document is refused with the reason.
    static QJsonObject toJson(const Rules &rules);
    static bool fromJson(const QJsonObject &json, Rules *rules, QString *error);

private:
    bool cutOff(const std::string &address) const;

    Rules m_rules;
    std::mt19937 m_random{std::random_device{}()};
};

} // namespace qonsul::transport
