#include "http/JsonBody.h"

#include "server/Server.h"
#include "util/GoDuration.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace qonsul::http {

namespace {

QString folded(QStringView name)
{
    QString out;
    out.reserve(name.size());
    for (QChar c : name)
        if (c != QLatin1Char('_'))
            out.append(c.toLower());
    return out;
}

} // namespace

JsonBody JsonBody::parse(const QByteArray &body, bool allowEmpty)
{
    if (body.trimmed().isEmpty()) {
        JsonBody b;
        if (!allowEmpty)
            b.fail(QStringLiteral("Request decode failed: EOF"));
        return b;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    JsonBody b;
    if (error.error != QJsonParseError::NoError) {
        b.fail(QStringLiteral("Request decode failed: %1 at offset %2")
                   .arg(error.errorString())
                   .arg(error.offset));
    } else if (!doc.isObject()) {
        b.fail(QStringLiteral("Request decode failed: expected a JSON object"));
    } else {
        b.m_object = doc.object();
    }
    return b;
}

void JsonBody::fail(const QString &message)
{
    JsonBody *root = this;
    while (root->m_parent)
        root = root->m_parent;
    if (root->m_error.isEmpty())
        root->m_error = message;
}

void JsonBody::typeError(const char *name, const char *expected)
{
    fail(QStringLiteral("Request decode failed: field \"%1\" must be %2")
             .arg(QLatin1String(name), QLatin1String(expected)));
}

std::optional<QJsonValue> JsonBody::find(const char *name) const
{
    const QString want = folded(QString::fromLatin1(name));
    for (auto it = m_object.begin(); it != m_object.end(); ++it)
        if (folded(it.key()) == want)
            return it.value();
    return std::nullopt;
}

QJsonValue JsonBody::raw(const char *name) const
{
    auto v = find(name);
    return v ? *v : QJsonValue();
}

std::string JsonBody::string(const char *name, const std::string &fallback)
{
    auto v = find(name);
    if (!v || v->isNull())
        return fallback;
    if (!v->isString()) {
        typeError(name, "a string");
        return fallback;
    }
    return v->toString().toStdString();
}

int64_t JsonBody::integer(const char *name, int64_t fallback)
{
    auto v = find(name);
    if (!v || v->isNull())
        return fallback;
    if (!v->isDouble() || v->toDouble() != static_cast<double>(v->toInteger())) {
        typeError(name, "an integer");
        return fallback;
    }
    return v->toInteger();
}

uint64_t JsonBody::unsignedInteger(const char *name, uint64_t fallback)
{
    const int64_t n = integer(name, static_cast<int64_t>(fallback));
    if (n < 0) {
        typeError(name, "a non-negative integer");
        return fallback;
    }
    return static_cast<uint64_t>(n);
}

bool JsonBody::boolean(const char *name, bool fallback)
{
    auto v = find(name);
    if (!v || v->isNull())
        return fallback;
    if (!v->isBool()) {
        typeError(name, "true or false");
        return fallback;
    }
    return v->toBool();
}

std::vector<std::string> JsonBody::strings(const char *name)
{
    std::vector<std::string> out;
    auto v = find(name);
    if (!v || v->isNull())
        return out;
    if (!v->isArray()) {
        typeError(name, "a list of strings");
        return out;
    }
    for (const auto &item : v->toArray()) {
        if (!item.isString()) {
            typeError(name, "a list of strings");
            return {};
        }
        out.push_back(item.toString().toStdString());
    }
    return out;
}

std::map<std::string, std::string> JsonBody::stringMap(const char *name)
{
    std::map<std::string, std::string> out;
    auto v = find(name);
    if (!v || v->isNull())
        return out;
    if (!v->isObject()) {
        typeError(name, "an object of strings");
        return out;
    }
    const QJsonObject o = v->toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!it.value().isString()) {
            typeError(name, "an object of strings");
            return {};
        }
        out[it.key().toStdString()] = it.value().toString().toStdString();
    }
    return out;
}

std::map<std::string, std::vector<std::string>> JsonBody::stringLists(const char *name)
{
    std::map<std::string, std::vector<std::string>> out;
    auto v = find(name);
    if (!v || v->isNull())
        return out;
    if (!v->isObject()) {
        typeError(name, "an object of string lists");
        return out;
    }
    const QJsonObject o = v->toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        std::vector<std::string> values;
        if (!it.value().isArray()) {
            typeError(name, "an object of string lists");
            return {};
        }
        for (const QJsonValue &item : it.value().toArray()) {
            if (!item.isString()) {
                typeError(name, "an object of string lists");
                return {};
            }
            values.push_back(item.toString().toStdString());
        }
        out[it.key().toStdString()] = std::move(values);
    }
    return out;
}

int64_t JsonBody::duration(const char *name, int64_t fallback)
{
    auto v = find(name);
    if (!v || v->isNull())
        return fallback;
    if (v->isDouble())
        return static_cast<int64_t>(v->toDouble());
    if (!v->isString()) {
        typeError(name, "a duration");
        return fallback;
    }
    const std::string text = v->toString().toStdString();
    const auto parsed = util::parseGoDuration(text);
    if (!parsed) {
        // Go's time.ParseDuration error, as Consul's decoder passes it on.
        fail(QStringLiteral("Request decode failed: time: invalid duration %1")
                 .arg(QString::fromStdString(text)));
        return fallback;
    }
    return *parsed;
}

std::optional<JsonBody> JsonBody::object(const char *name)
{
    auto v = find(name);
    if (!v || v->isNull())
        return std::nullopt;
    if (!v->isObject()) {
        typeError(name, "an object");
        return std::nullopt;
    }
    JsonBody child(v->toObject());
    child.m_parent = this;
    return child;
}

std::vector<JsonBody> JsonBody::objects(const char *name)
{
    std::vector<JsonBody> out;
    auto v = find(name);
    if (!v || v->isNull())
        return out;
    if (!v->isArray()) {
        typeError(name, "a list of objects");
        return out;
    }
    for (const auto &item : v->toArray()) {
        if (!item.isObject()) {
            typeError(name, "a list of objects");
            return {};
        }
        JsonBody child(item.toObject());
        child.m_parent = this;
        out.push_back(child);
    }
    return out;
}

} // namespace qonsul::http
