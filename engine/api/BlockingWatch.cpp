#include "BlockingWatch.h"

#include "JsonDecode.h"

#include <QMetaMethod>
#include <algorithm>

namespace qonsul {

BlockingWatch::BlockingWatch(ApiClient *client, ApiRequest request, QObject *parent)
    : QObject(parent), m_client(client), m_request(std::move(request))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &BlockingWatch::sendQuery);
}

BlockingWatch::~BlockingWatch()
{
    stop();
}

void BlockingWatch::setBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds maximum)
{
    m_initialBackoff = initial;
    m_maximumBackoff = std::max(initial, maximum);
}

void BlockingWatch::start()
{
    if (m_running)
        return;
    m_running = true;
    sendQuery();
}

void BlockingWatch::stop()
{
    m_running = false;
    m_retryTimer.stop();
    if (m_call)
        m_call->kill();
    m_call = nullptr;
}

void BlockingWatch::sendQuery()
{
    if (!m_running || !m_client)
        return;
    ApiRequest request = m_request;
    QueryOptions options;
    options.waitTime = m_waitTime;
    if (m_lastHash.isEmpty())
        options.waitIndex = m_lastIndex;
    options.applyTo(request);
    if (!m_lastHash.isEmpty()) // an agent-local endpoint blocks on its content's hash
        request.setQuery(QStringLiteral("hash"), m_lastHash);
    m_call = m_client->start(request);
    connect(m_call, &ApiCall::finished, this, &BlockingWatch::onFinished);
}

void BlockingWatch::onFinished(ApiCall *call)
{
    m_call = nullptr;
    if (!m_running)
        return;
    const ApiResponse &response = call->response();

    QJsonValue value;
    if (response.statusCode == 404) {
        value = QJsonValue::Null;
    } else if (auto error = requireOk(response)) {
        Q_EMIT failed(error->message);
        scheduleRetry();
        return;
    } else if (isSignalConnected(QMetaMethod::fromSignal(&BlockingWatch::changed))) {
        const Expected<QJsonValue> body = json::decodeBody(response);
        if (!body) {
            Q_EMIT failed(body.error());
            scheduleRetry();
            return;
        }
        value = *body;
    }
    m_failures = 0;

    const quint64 index = response.meta.lastIndex;
    const bool moved =
        !m_haveResult || index != m_lastIndex || response.meta.contentHash != m_lastHash;
    m_lastHash = response.meta.contentHash;
    // An index that goes backwards (e.g. a restored snapshot) restarts from zero, as Consul
    // advises: the next query then answers at once with the current index.
    m_lastIndex = index < m_lastIndex ? 0 : index;
    m_haveResult = true;
    if (moved) {
        Q_EMIT changed(index, value);
        if (m_running) // a slot connected to changed() may have stopped us
            Q_EMIT answered(index, response);
    }

    if (!m_running)
        return; // a slot connected to changed() stopped us
    if (response.meta.lastIndex == 0 && m_lastHash.isEmpty()) {
        // No X-Consul-Index: the endpoint does not block; poll slowly instead of spinning.
        m_retryTimer.start(m_maximumBackoff);
        return;
    }
    sendQuery();
}

void BlockingWatch::scheduleRetry()
{
    if (!m_running)
        return;
    ++m_failures;
    auto delay = m_initialBackoff;
    for (int i = 1; i < m_failures && delay < m_maximumBackoff; ++i)
        delay *= 2;
    m_retryTimer.start(std::min(delay, m_maximumBackoff));
}

} // namespace qonsul
