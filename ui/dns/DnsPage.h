#pragma once
// The DNS inspector, something Consul's web UI never had: ask the agent's DNS server (or any
// server) a question over UDP or TCP, see the reply as dig shows it but laid out (header,
// flags, sections with TTLs, the dig text, the wire bytes), and read why it holds what it
// holds, from the health API ("1 instance of web is critical and not returned"). Past
// questions stay in a history (the last few across runs, in QSettings); any question can be
// copied as the dig command that asks it from a terminal.

#include "api/ApiConfig.h"
#include "dns/AgentDnsSettings.h"
#include "dns/DigCommand.h"
#include "dns/DnsExplanation.h"
#include "dns/DnsMessage.h"

#include <QPointer>
#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace qonsul {
class ApiClient;
}

namespace qonsul::dns {
class ClientQuery;
struct ClientQueryResult;
} // namespace qonsul::dns

namespace qonsul::ui {

class DnsAnswerView;
class DnsHistoryModel;
class EmptyState;
class ErrorBanner;

class DnsPage : public QWidget
{
    Q_OBJECT
public:
    // The types the form offers.
    static const QStringList &questionTypes();
    // How many past questions are kept across runs.
    static constexpr int savedHistory = 10;
    // How long a question waits for its reply; there are no retries.
    static constexpr int queryTimeoutMs = 3000;

    explicit DnsPage(const ApiConfig &config, QWidget *parent = nullptr);

    // Fills the form with `name` and `type` and asks (once the agent has said where its DNS
    // listens, unless the server field was set by hand).
    void ask(const QString &name, const QString &type);
    // Asks what the form says (what Enter does).
    void askCurrent();
    // Puts the keyboard focus in the name field (Edit ▸ Find).
    Q_INVOKABLE void focusFilter();
    void setTcp(bool tcp);
    void setServer(const QString &server);
    QString serverText() const;
    // The dig command for what the form says, and the same put on the clipboard.
    QString digCommandText() const;
    void copyDigCommand();
    // Shows a past question's reply and explanation again, without asking.
    void showHistoryEntry(int row);

    DnsAnswerView *answerView() const { return m_answer; }
    DnsHistoryModel *history() const { return m_history; }
    bool isAsking() const { return !m_query.isNull(); }
    const AgentDnsSettings &agentSettings() const { return m_settings; }

Q_SIGNALS:
    // A question was asked; `route` as MainWindow::openRoute takes it
    // ("dns/web.service.consul/SRV"), for the window's history.
    void routeChanged(const QString &route);
    // A reply was shown (its explanation follows with explained()).
    void answered();
    // No reply: `error` says why (also shown in the page's error banner).
    void queryFailed(const QString &error);
    void explained();
    // A check named under "Why this answer" was clicked: show it on the Services page.
    void checkRequested(const qonsul::ui::DnsCheckLink &check);
    // /v1/agent/self answered and the server field (unless edited) says where DNS listens.
    void agentSettingsLoaded();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void loadAgentSettings();
    void updateExamples();
    void updateDigCommand();
    void onFinished(const dns::ClientQueryResult &result, const DnsQuestionInput &question,
                    const QString &server);
    void explain(const DnsQuestionInput &question, const dns::Header &header, int answerRecords);
    void showExplanation(quint64 generation, const QStringList &lines,
                         const QList<DnsCheckLink> &checks = {});
    void saveHistory() const;
    DnsQuestionInput currentQuestion() const;

    ApiClient *m_client;
    QString m_apiHost;
    AgentDnsSettings m_settings;
    bool m_serverEdited = false;
    bool m_settingsLoaded = false;
    bool m_askWhenLoaded = false;
    QLineEdit *m_name;
    QComboBox *m_type;
    QLineEdit *m_server;
    QButtonGroup *m_transport;
    QCheckBox *m_edns;
    QPushButton *m_ask;
    QLabel *m_dig;
    QPushButton *m_copyDig;
    QLabel *m_copied;
    ErrorBanner *m_error;
    QStackedWidget *m_stack;
    EmptyState *m_start;
    QList<QPushButton *> m_examples;
    DnsAnswerView *m_answer;
    DnsHistoryModel *m_history;
    QTableView *m_historyView;
    QPointer<dns::ClientQuery> m_query;
    // Bumped by every question: an explanation for an older one is dropped.
    quint64 m_generation = 0;
};

} // namespace qonsul::ui
