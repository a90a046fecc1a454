#include "http/ConnectJson.h"

#include "http/RecordJson.h"
#include "state/IntentionText.h"
#include "util/GoTime.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qonsul::http {

namespace {

void writeJsonValue(JsonWriter &w, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        w.value(value.toBool());
        break;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == double(int64_t(number)))
            w.value(int64_t(number));
        else
            w.value(std::to_string(number)); // Go would print a float; rare in configs
        break;
    }
    case QJsonValue::String:
        w.value(value.toString());
        break;
    case QJsonValue::Array:
        w.beginArray();
        for (const QJsonValue &item : value.toArray())
            writeJsonValue(w, item);
        w.endArray();
        break;
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        w.beginObject();
        for (auto it = object.begin(); it != object.end(); ++it) { // QJsonObject: sorted keys
            w.key(it.key().toStdString());
            writeJsonValue(w, it.value());
        }
        w.endObject();
        break;
    }
    default:
        w.null();
    }
}

// Consul's Intention.Hash: a digest over the fields that define the intention, base64.
std::string intentionHash(const state::Intention &i)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const std::string *part : {&i.id, &i.description, &i.sourceNs, &i.sourceName,
                                    &i.destinationNs, &i.destinationName, &i.sourceType})
        hash.addData(QByteArray::fromStdString(*part).append('\0'));
    hash.addData(state::intentionActionName(i.action));
    for (const auto &[key, value] : i.meta)
        hash.addData(QByteArray::fromStdString(key + '\0' + value + '\0'));
    return hash.result().toBase64().toStdString();
}

} // namespace

void writeJsonObjectText(JsonWriter &w, const std::string &json)
{
    writeJsonValue(w, QJsonDocument::fromJson(QByteArray::fromStdString(json)).object());
}

void writeIntention(JsonWriter &w, const state::Intention &i)
{
    w.beginObject();
    w.field("ID", i.id);
    w.field("Description", i.description);
    w.field("SourceNS", i.sourceNs);
    w.field("SourceName", i.sourceName);
    w.field("DestinationNS", i.destinationNs);
    w.field("DestinationName", i.destinationName);
    w.field("SourceType", i.sourceType);
    w.field("Action", state::intentionActionName(i.action));
    w.field("DefaultAddr", "");
    w.field("DefaultPort", 0);
    w.key("Meta");
    writeStringMap(w, i.meta);
    w.field("Precedence", i.precedence);
    w.field("CreatedAt", util::formatRfc3339Nano(i.createdAtNs));
    w.field("UpdatedAt", util::formatRfc3339Nano(i.updatedAtNs));
    w.field("Hash", intentionHash(i));
    w.field("CreateIndex", i.createIndex);
    w.field("ModifyIndex", i.modifyIndex);
    w.endObject();
}

void writeIntentions(JsonWriter &w, const std::vector<const state::Intention *> &list)
{
    w.beginArray();
    for (const state::Intention *i : list)
        writeIntention(w, *i);
    w.endArray();
}

void writeCaRoots(JsonWriter &w, const std::vector<state::CaRoot> &roots,
                  const std::string &trustDomain)
{
    std::string active;
    for (const state::CaRoot &root : roots)
        if (root.active)
            active = root.id;
    w.beginObject();
    w.field("ActiveRootID", active);
    w.field("TrustDomain", trustDomain);
    w.key("Roots").beginArray();
    for (const state::CaRoot &root : roots) {
        w.beginObject();
        w.field("ID", root.id);
        w.field("Name", root.name);
        w.field("SerialNumber", root.serialNumber);
        w.field("SigningKeyID", root.signingKeyId);
        w.field("ExternalTrustDomain", "");
        w.field("NotBefore", util::formatRfc3339Nano(root.notBeforeNs));
        w.field("NotAfter", util::formatRfc3339Nano(root.notAfterNs));
        w.field("RootCert", root.rootCertPem);
        w.key("IntermediateCerts");
        if (root.intermediateCertPems.empty())
            w.null();
        else
            writeStrings(w, root.intermediateCertPems);
        w.field("Active", root.active);
        w.field("RotatedOutAt", util::formatRfc3339Nano(root.rotatedOutAtNs));
        w.field("PrivateKeyType", root.privateKeyType);
        w.field("PrivateKeyBits", root.privateKeyBits);
        w.field("CreateIndex", root.createIndex);
        w.field("ModifyIndex", root.modifyIndex);
        w.endObject();
    }
    w.endArray();
    w.endObject();
}

void writeCaConfig(JsonWriter &w, const state::CaConfig &config)
{
    QJsonObject settings =
        QJsonDocument::fromJson(QByteArray::fromStdString(config.configJson)).object();
    if (settings.contains(QLatin1String("PrivateKey")) &&
        !settings.value(QLatin1String("PrivateKey")).toString().isEmpty())
        settings.insert(QLatin1String("PrivateKey"), QStringLiteral("hidden"));
    w.beginObject();
    w.field("Provider", config.provider);
    w.key("Config");
    writeJsonValue(w, settings);
    w.field("CreateIndex", config.createIndex);
    w.field("ModifyIndex", config.modifyIndex);
    w.endObject();
}

} // namespace qonsul::http
