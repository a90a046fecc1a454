#pragma once
// What gossip members say to each other, as plain values (the transport encodes them). A
// packet is one message with broadcasts piggybacked on it, as memberlist's compound messages.

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace qonsul::gossip {

enum class MemberState { Alive, Suspect, Dead, Left };
const char *memberStateName(MemberState state); // "alive", "suspect", "dead", "left"

// What is gossiped about a member: its name, where it listens, its incarnation (only the
// member itself raises it, to refute) and its tags (role, dc, port...).
struct MemberInfo
{
    std::string name;
    std::string address;
    uint32_t incarnation = 0;
    std::map<std::string, std::string> tags;
    bool operator==(const MemberInfo &) const = default;
};

struct Ping
{
    uint32_t seq = 0;
    std::string target; // the member the sender means (a ping for another is ignored)
    std::string source;
};
struct IndirectPing
{
    uint32_t seq = 0;
    std::string target;
    std::string targetAddress;
    bool wantNack = true;
    std::string source;
};
struct Ack
{
    uint32_t seq = 0;
    // What the driver attaches to the acks of its own pings (serf: its network coordinate);
    // a relayed ack carries none, as memberlist's.
    std::string payload;
};
struct Nack
{
    uint32_t seq = 0;
};
struct Alive
{
    MemberInfo member;
};
struct Suspect
{
    uint32_t incarnation = 0;
    std::string name;
    std::string from;
};
struct Dead
{
    uint32_t incarnation = 0;
    std::string name;
    std::string from; // == name: the member left
};
// A user event (serf's): a name and an opaque payload, stamped with the event Lamport clock of
// the member that fired it. Events are told apart by (ltime, name, payload).
struct UserEvent
{
    uint64_t ltime = 0;
    std::string name;
    std::string payload; // bytes
    bool operator==(const UserEvent &) const = default;
};
struct PushPullState
{
    MemberInfo member;
    MemberState state = MemberState::Alive;
};
struct PushPull
{
    bool join = false;
    bool reply = false;
    std::vector<PushPullState> states;
    // Serf's part of the exchange: its event clock and the events it still remembers, so that
    // a member that missed an event's gossip gets it at the next push/pull.
    uint64_t eventLTime = 0;
    std::vector<UserEvent> events;
};

using Message =
    std::variant<Ping, IndirectPing, Ack, Nack, Alive, Suspect, Dead, PushPull, UserEvent>;

struct Packet
{
    std::vector<Message> messages; // the first is the reason for the packet, the rest broadcasts
};

// A packet to send: `reliable` ones (push/pull) go over TCP, the others over UDP.
struct Outgoing
{
    std::string to; // address
    Packet packet;
    bool reliable = false;
};

} // namespace qonsul::gossip
