#include "raft/Message.h"

#include <algorithm>
#include <sstream>

namespace qonsul::raft {

const char *entryTypeName(EntryType type)
{
    switch (type) {
    case EntryType::Command:
        return "cmd";
    case EntryType::Noop:
        return "noop";
    case EntryType::Configuration:
        return "conf";
    }
    return "?";
}

const ServerInfo *Configuration::find(const std::string &id) const
{
    const auto it = std::find_if(servers.begin(), servers.end(),
                                 [&](const ServerInfo &s) { return s.id == id; });
    return it == servers.end() ? nullptr : &*it;
}

bool Configuration::isVoter(const std::string &id) const
{
    const ServerInfo *server = find(id);
    return server && server->suffrage == Suffrage::Voter;
}

size_t Configuration::voterCount() const
{
    return size_t(std::count_if(servers.begin(), servers.end(),
                                [](const ServerInfo &s) { return s.suffrage == Suffrage::Voter; }));
}

std::string Configuration::encode() const
{
    std::string out;
    for (const ServerInfo &s : servers) {
        out += s.suffrage == Suffrage::Voter ? "voter " : "nonvoter ";
        out += s.id + ' ' + s.address + '\n';
    }
    return out;
}

std::optional<Configuration> Configuration::decode(const std::string &text)
{
    Configuration configuration;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        std::string suffrage, id, address, extra;
        if (!(words >> suffrage >> id >> address) || (words >> extra))
            return std::nullopt;
        if (suffrage != "voter" && suffrage != "nonvoter")
            return std::nullopt;
        if (configuration.find(id))
            return std::nullopt;
        configuration.servers.push_back(
            {id, address, suffrage == "voter" ? Suffrage::Voter : Suffrage::Nonvoter});
    }
    return configuration;
}

namespace {

template <class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

} // namespace

const char *messageKind(const MessageBody &body)
{
    return std::visit(
        Overloaded{
            [](const VoteRequest &m) { return m.preVote ? "prevote" : "vote"; },
            [](const VoteResponse &m) { return m.preVote ? "prevote-response" : "vote-response"; },
            [](const AppendRequest &) { return "append"; },
            [](const AppendResponse &) { return "append-response"; },
            [](const SnapshotRequest &) { return "snapshot"; },
            [](const SnapshotResponse &) { return "snapshot-response"; },
            [](const TimeoutNow &) { return "timeout-now"; },
        },
        body);
}

std::string describe(const Entry &entry)
{
    std::string out = std::to_string(entry.index) + '/' + std::to_string(entry.term) + ' ' +
                      entryTypeName(entry.type);
    if (entry.type == EntryType::Command)
        out += ' ' + entry.data;
    if (entry.type == EntryType::Configuration) {
        if (const auto configuration = Configuration::decode(entry.data)) {
            for (const ServerInfo &s : configuration->servers)
                out += ' ' + s.id + (s.suffrage == Suffrage::Nonvoter ? "(nonvoter)" : "");
        }
    }
    return out;
}

std::string describe(const MessageBody &body)
{
    const auto n = [](uint64_t v) { return std::to_string(v); };
    return std::visit(
        Overloaded{
            [&](const VoteRequest &m) {
                return std::string(m.preVote ? "prevote" : "vote") + " last=" + n(m.lastLogIndex) +
                       '/' + n(m.lastLogTerm) + (m.leadershipTransfer ? " transfer" : "");
            },
            [&](const VoteResponse &m) {
                return std::string(m.preVote ? "prevote-response " : "vote-response ") +
                       (m.granted ? "granted" : "rejected");
            },
            [&](const AppendRequest &m) {
                std::string out = "append prev=" + n(m.prevLogIndex) + '/' + n(m.prevLogTerm);
                if (!m.entries.empty()) {
                    out += " entries=[";
                    for (size_t i = 0; i < m.entries.size(); ++i)
                        out += (i ? ", " : "") + describe(m.entries[i]);
                    out += ']';
                }
                return out + " commit=" + n(m.leaderCommit) + " round=" + n(m.round);
            },
            [&](const AppendResponse &m) {
                if (m.success)
                    return "append-response match=" + n(m.matchIndex) + " round=" + n(m.round);
                return "append-response reject hint=" + n(m.hintIndex) + '/' + n(m.hintTerm) +
                       " last=" + n(m.lastLogIndex) + " round=" + n(m.round);
            },
            [&](const SnapshotRequest &m) {
                return "snapshot index=" + n(m.snapshot.meta.index) + '/' +
                       n(m.snapshot.meta.term) +
                       " bytes=" + n(m.snapshot.data ? m.snapshot.data->size() : 0) +
                       " round=" + n(m.round);
            },
            [&](const SnapshotResponse &m) {
                return std::string("snapshot-response ") +
                       (m.success ? "match=" : "failed match=") + n(m.matchIndex) +
                       " round=" + n(m.round);
            },
            [&](const TimeoutNow &) { return std::string("timeout-now"); },
        },
        body);
}

} // namespace qonsul::raft
