#pragma once
// Synchronous HTTP calls for integration tests (an event loop per call, so in-process agents
// keep serving meanwhile).

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

struct TestReply
{
    int status = 0;
    QByteArray body;
    QMap<QByteArray, QByteArray> headers;
    bool finished = false;
};

class TestHttp
{
public:
    explicit TestHttp(quint16 port) : m_base(QStringLiteral("http://127.0.0.1:%1").arg(port)) {}

    QNetworkReply *start(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        QNetworkRequest request(QUrl(m_base + path));
        return m_manager.sendCustomRequest(request, method, body);
    }

    static TestReply wait(QNetworkReply *reply, int timeoutMs = 10000)
    {
        TestReply r;
        if (!reply->isFinished()) {
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
            loop.exec();
        }
        r.finished = reply->isFinished();
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        for (const auto &pair : reply->rawHeaderPairs())
            r.headers[pair.first.toLower()] = pair.second;
        reply->deleteLater();
        return r;
    }

    TestReply call(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return wait(start(method, path, body));
    }

private:
    QString m_base;
    QNetworkAccessManager m_manager;
};

// The reply's body as JSON: its array or object (undefined when it is neither).
inline QJsonValue jsonOf(const TestReply &reply)
{
    const QJsonDocument document = QJsonDocument::fromJson(reply.body);
    return document.isArray()    ? QJsonValue(document.array())
           : document.isObject() ? QJsonValue(document.object())
                                 : QJsonValue(QJsonValue::Undefined);
}
