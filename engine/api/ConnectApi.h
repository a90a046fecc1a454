#pragma once
// Connect's endpoints as typed requests: intentions (/v1/connect/intentions…), the CA
// (/v1/connect/ca/…), and the agent's roots, leaf certificates and authorize
// (/v1/agent/connect/…), which the built-in proxy follows.

#include "TypedRequest.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace qonsul {

struct IntentionEntry
{
    QString id;
    QString description;
    QString sourceNs = QStringLiteral("default");
    QString sourceName;
    QString destinationNs = QStringLiteral("default");
    QString destinationName;
    QString sourceType = QStringLiteral("consul");
    QString action; // "allow" or "deny"
    QMap<QString, QString> meta;
    int precedence = 0;
    QString createdAt; // RFC 3339
    QString updatedAt;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;

    // The CLI's names: "web", or "ns/web" outside the default namespace.
    QString sourceString() const;
    QString destinationString() const;
    // "web => db (allow)", as the Go client's Intention.String() prints it.
    QString toString() const;
    QByteArray toJson() const; // the body of a create or update
    bool operator==(const IntentionEntry &) const = default;
};

IntentionEntry intentionFromJson(const QJsonObject &object);
QList<IntentionEntry> intentionsFromJson(const QJsonValue &value);

struct LeafCertificateEntry
{
    QString serialNumber;
    QString certPem;
    QString privateKeyPem;
    QString service;
    QString serviceUri;
    QString validAfter;
    QString validBefore;
    quint64 modifyIndex = 0;
};

struct CaRootEntry
{
    QString id;
    QString name;
    quint64 serialNumber = 0;
    QString rootCertPem;
    QStringList intermediateCertPems;
    bool active = false;
};

struct CaRootsEntry
{
    QString activeRootId;
    QString trustDomain;
    QList<CaRootEntry> roots;
};

CaRootsEntry caRootsFromJson(const QJsonValue &value);
LeafCertificateEntry leafCertificateFromJson(const QJsonValue &value);

struct AuthorizeResult
{
    bool authorized = false;
    QString reason;
};

// One of Qonsul's proxy events (/v1/agent/connect/proxy-events; not in Consul).
struct ProxyEventEntry
{
    quint64 index = 0; // given by the agent
    QString time;      // RFC 3339
    QString proxy;
    QString source;
    QString destination;
    QString outcome; // "allowed", "denied", "closed", "failed"
    QString reason;
};

QList<ProxyEventEntry> proxyEventsFromJson(const QJsonValue &value);

namespace ConnectApi {

TypedRequest<QList<IntentionEntry>> intentions();
// nullopt when no intention has that ID (404), as the Go client returns nil.
TypedRequest<std::optional<IntentionEntry>> intention(const QString &id);
TypedRequest<QString> createIntention(const IntentionEntry &intention); // the new ID
TypedRequest<Empty> updateIntention(const IntentionEntry &intention);
TypedRequest<Empty> deleteIntention(const QString &id);
TypedRequest<bool> checkIntention(const QString &source, const QString &destination);
// `by` is "source" or "destination"; the intentions that apply to `name`, in evaluation order.
TypedRequest<QList<IntentionEntry>> matchIntentions(const QString &by, const QString &name);

// The CA configuration as the API shows it (Provider, Config, CreateIndex, ModifyIndex).
TypedRequest<QJsonObject> caConfiguration();
TypedRequest<Empty> setCaConfiguration(const QByteArray &json);

TypedRequest<CaRootsEntry> agentRoots();
TypedRequest<LeafCertificateEntry> agentLeaf(const QString &service);
TypedRequest<AuthorizeResult> authorize(const QString &target, const QString &clientCertUri,
                                        const QString &clientCertSerial);

// What proxies decided, newest last: a proxy reports a batch, the desktop follows the list.
TypedRequest<Empty> reportProxyEvents(const QList<ProxyEventEntry> &events);
TypedRequest<QList<ProxyEventEntry>> proxyEvents();

} // namespace ConnectApi

} // namespace qonsul
