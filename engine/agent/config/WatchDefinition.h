#pragma once
// A watch, as `qonsul watch` flags or an agent config file's `watches` entry describe it:
// its type and parameters, and (in a config file) the handler to run. validateWatch() holds
// Consul's rules (watch.Parse): the types, the parameter each one needs, and which it takes.

#include <QString>
#include <QStringList>
#include <optional>

namespace qonsul {

struct WatchDefinition
{
    QString type; // key, keyprefix, services, nodes, service, checks, event
    QString key;
    QString prefix;
    QString service;
    QString tag;
    QString state;
    QString name;
    std::optional<bool> passingOnly;
    QString datacenter;
    QString token;
    bool stale = false;
    // A config file's handler: `args` run as is, or `handler` through a shell (deprecated in
    // Consul for args, still run).
    QString handlerType = QStringLiteral("script");
    QStringList args;
    QString handler;
};

// Consul's error for a watch it would not run ("Must specify a single key to watch",
// "Invalid parameters: [prefix]", "Unsupported watch type: x"), or nullopt.
std::optional<QString> validateWatch(const WatchDefinition &watch);

} // namespace qonsul
