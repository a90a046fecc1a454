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

    bool operator==(const KvCommand &) const = default;
};

struct RegisterCommand
{
    state::Node node;
    std::optional<state::Service> service;
    std::vector<state::Check> checks;
    bool skipNodeUpdate = false;

    bool operator==(const RegisterCommand &) const = default;
};

struct DeregisterCommand
{
    std::string node;
    std::string serviceId; // set: remove only this service
    std::string checkId;   // set: remove only this check

    bool operator==(const DeregisterCommand &) const = default;
};

struct SessionCreateCommand
{
    state::Session session;

    bool operator==(const SessionCreateCommand &) const = default;
};

struct SessionDestroyCommand
{
    std::string id;

    bool operator==(const SessionDestroyCommand &) const = default;
};

enum class IntentionOp { Create, Update, Delete };

// Writes an intention: validated, with its precedence and times set, by the endpoint.
struct IntentionCommand
{
    IntentionOp op = IntentionOp::Create;
    state::Intention intention; // Delete: only the ID

    bool operator==(const IntentionCommand &) const = default;
};

// Sets the Connect CA's roots, and its configuration when given: at bootstrap, and when a new
// configuration rotates the root.
struct CaSetCommand
{
    std::vector<state::CaRoot> roots;
    std::optional<state::CaConfig> config;

    bool operator==(const CaSetCommand &) const = default;
};

// Consul's Coordinate.Update: nodes' network coordinates, as their agents send them.
struct CoordinateBatchCommand
{
    std::vector<state::CoordinateEntry> updates;

    bool operator==(const CoordinateBatchCommand &) const = default;
};

// The KV verbs of /v1/txn (Consul's api.KVOp).
enum class TxnKvVerb {
    Set,
    Cas,
    Lock,
    Unlock,
    Get,
    GetTree,
    CheckIndex,
    CheckSession,
    CheckNotExists,
    Delete,
    DeleteTree,
    DeleteCas,
    Unknown // refused per operation, as Consul refuses a verb it does not know
};

struct TxnKvOp
{
    TxnKvVerb verb = TxnKvVerb::Get;
    std::string key;
    std::string value;
    uint64_t flags = 0;
    uint64_t index = 0; // cas, delete-cas and check-index compare the key's ModifyIndex with it
    std::string session;
    std::string unknownVerb; // the verb as given, for Unknown

    bool operator==(const TxnKvOp &) const = default;
};

// The Node, Service and Check verbs of /v1/txn.
enum class TxnCatalogTable { Node, Service, Check };
enum class TxnCatalogVerb { Get, Set, Cas, Delete, DeleteCas, Unknown };

struct TxnCatalogOp
{
    TxnCatalogTable table = TxnCatalogTable::Node;
    TxnCatalogVerb verb = TxnCatalogVerb::Get;
    std::string unknownVerb;
    state::Node node;       // a Node operation's node; a Service operation's node name
    state::Service service; // a Service operation's
    state::Check check;     // a Check operation's (with its node)
    uint64_t index = 0;     // cas and delete-cas compare the record's ModifyIndex with it

    bool operator==(const TxnCatalogOp &) const = default;
};

using TxnOp = std::variant<TxnKvOp, TxnCatalogOp>;

// A transaction: every operation applies, in order, or none does.
struct TxnCommand
{
    std::vector<TxnOp> ops;

    bool operator==(const TxnCommand &) const = default;
};

// One KV result of a transaction: the entry after its operation, with the value only for get
// and get-tree (Consul blanks it for the other verbs).
struct TxnKvResult
{
    state::KvEntry entry;
    bool withValue = false;
};

// One result: a KV entry, or the node, service or check after the operation.
using TxnResult = std::variant<TxnKvResult, state::Node, state::Service, state::Check>;

struct TxnError
{
    size_t opIndex = 0;
    std::string what;
};

struct TxnOutcome
{
    std::vector<TxnResult> results; // empty when there are errors
    std::vector<TxnError> errors;   // one per failed operation; any rolls the whole back
};

struct Command
{
    int64_t proposedAtMs = 0;
    std::variant<KvCommand, RegisterCommand, DeregisterCommand, SessionCreateCommand,
                 SessionDestroyCommand, TxnCommand, IntentionCommand, CaSetCommand,
                 CoordinateBatchCommand>
        body;

    bool operator==(const Command &) const = default;
};

// What applying a command answered: the boolean Consul's endpoints return, or an error text;
// for a transaction, its outcome.
struct ApplyResult
{
    bool value = true;
    std::string error;
    uint64_t index = 0;
    TxnOutcome txn;
};

} // namespace qonsul::fsm
