#pragma once
// The commands the leader proposes to Raft and every server applies, in log order, to its state
// store. A command carries everything it needs (including the leader's clock for lock delays)
// so that applying it is deterministic.

#include "state/Records.h"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace qonsul::fsm {

enum class KvOp { Set, Cas, Lock, Unlock, Delete, DeleteCas, DeleteTree };

struct KvCommand
{
    KvOp op = KvOp::Set;
    std::string key;
    std::string value;
    uint64_t flags = 0;
    uint64_t casIndex = 0;
    std::string session;
};

struct RegisterCommand
{
    state::Node node;
    std::optional<state::Service> service;
    std::vector<state::Check> checks;
    bool skipNodeUpdate = false;
};

struct DeregisterCommand
{
    std::string node;
    std::string serviceId; // set: remove only this service
    std::string checkId;   // set: remove only this check
};

struct SessionCreateCommand
{
    state::Session session;
};

struct SessionDestroyCommand
{
    std::string id;
};

struct Command
{
    int64_t proposedAtMs = 0;
    std::variant<KvCommand, RegisterCommand, DeregisterCommand, SessionCreateCommand,
                 SessionDestroyCommand>
        body;
};

// What applying a command answered: the boolean Consul's endpoints return, or an error text.
struct ApplyResult
{
    bool value = true;
    std::string error;
    uint64_t index = 0;
};

} // namespace qonsul::fsm
