#include "dns/DnsPage.h"

#include "api/AgentApi.h"
#include "api/ApiClient.h"
#include "api/CatalogApi.h"
#include "api/HealthApi.h"
#include "common/EmptyState.h"
#include "common/ErrorBanner.h"
#include "common/FixedFont.h"
#include "common/PageHeader.h"
#include "common/QuietLabel.h"
#include "common/TableViews.h"
#include "dns/ClientQuery.h"
#include "dns/DnsAnswerView.h"
#include "dns/DnsExplanation.h"
#include "dns/DnsHistoryModel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <utility>

namespace qonsul::ui {

namespace {

const char *const historyKey = "dns/history";

QString outcomeOf(const dns::ClientQueryResult &result)
{
    using Failure = dns::ClientQueryResult::Failure;
    switch (result.failure) {
    case Failure::None:
        return QString::fromStdString(dns::rcodeName(result.message->header.rcode));
    case Failure::Timeout:
        return QStringLiteral("timeout");
    case Failure::ConnectionRefused:
        return QStringLiteral("refused");
    case Failure::MalformedReply:
        return QStringLiteral("malformed");
    case Failure::InvalidName:
        return QStringLiteral("bad name");
    case Failure::Network:
        break;
    }
    return QStringLiteral("error");
}

QString adviceFor(dns::ClientQueryResult::Failure failure)
{
    using Failure = dns::ClientQueryResult::Failure;
    switch (failure) {
    case Failure::Timeout:
        return QStringLiteral(
            "Is a DNS server listening at that address? The agent prints its DNS port when it "
            "starts (<code>Client Addr: [127.0.0.1] (HTTP: 8500, …, DNS: 8600)</code>); put "
            "that in the server field.");
    case Failure::ConnectionRefused:
        return QStringLiteral(
            "Check the port in the server field: the agent's DNS port is 8600 unless it was "
            "started with <code>-dns-port</code> (and -1 turns DNS off).");
    case Failure::MalformedReply:
        return QStringLiteral("Is that a DNS server? The <b>Wire bytes</b> tab shows what came "
                              "back.");
    case Failure::InvalidName:
        return QStringLiteral("Labels are separated by dots and hold 1 to 63 characters, as in "
                              "<code>web.service.consul</code>.");
    case Failure::Network:
    case Failure::None:
        break;
    }
    return QStringLiteral("Check the server field: a host name or IP address and a port, as in "
                          "<code>127.0.0.1:8600</code>.");
}

} // namespace

const QStringList &DnsPage::questionTypes()
{
    static const QStringList types = {
        QStringLiteral("A"),   QStringLiteral("AAAA"), QStringLiteral("SRV"), QStringLiteral("TXT"),
        QStringLiteral("PTR"), QStringLiteral("ANY"),  QStringLiteral("SOA")};
    return types;
}

DnsPage::DnsPage(const ApiConfig &config, QWidget *parent)
    : QWidget(parent), m_client(new ApiClient(config, this)),
      m_apiHost(hostOfApiAddress(config.address)), m_name(new QLineEdit(this)),
      m_type(new QComboBox(this)), m_server(new QLineEdit(this)),
      m_transport(new QButtonGroup(this)), m_edns(new QCheckBox(tr("EDNS"), this)),
      m_ask(new QPushButton(tr("Ask"), this)), m_dig(new QLabel(this)),
      m_copyDig(new QPushButton(tr("Copy as dig command"), this)),
      m_copied(new QuietLabel(QString(), this)), m_error(new ErrorBanner(this)),
      m_stack(new QStackedWidget(this)), m_start(new EmptyState(this)),
      m_answer(new DnsAnswerView(this)), m_history(new DnsHistoryModel(this)),
      m_historyView(new QTableView(this))
{
    connect(m_answer, &DnsAnswerView::checkActivated, this, &DnsPage::checkRequested);
    setObjectName(QStringLiteral("dnsPage"));
    const QFont fixed = fixedFont();
    m_name->setObjectName(QStringLiteral("dnsName"));
    m_name->setPlaceholderText(tr("web.service.consul"));
    m_name->setFont(fixed);
    m_name->setClearButtonEnabled(true);
    m_name->setToolTip(tr("The name to ask for: web.service.consul, rails.web.service.consul, "
                          "_web._tcp.service.consul, machine.node.consul, or an IP address "
                          "with PTR."));
    m_type->setObjectName(QStringLiteral("dnsType"));
    m_type->addItems(questionTypes());
    m_type->installEventFilter(this);
    m_server->setObjectName(QStringLiteral("dnsServer"));
    m_server->setFont(fixed);
    m_server->setText(defaultDnsServer(m_apiHost).text());
    m_server->setToolTip(tr("The DNS server to ask, host:port. It starts as the agent's DNS "
                            "address; edit it to ask another server."));
    m_server->setMinimumWidth(QFontMetrics(fixed).horizontalAdvance(QLatin1Char('0')) * 24);
    auto *udp = new QRadioButton(tr("UDP"), this);
    auto *tcp = new QRadioButton(tr("TCP"), this);
    udp->setObjectName(QStringLiteral("dnsUdp"));
    tcp->setObjectName(QStringLiteral("dnsTcp"));
    udp->setChecked(true);
    m_transport->addButton(udp, 0);
    m_transport->addButton(tcp, 1);
    udp->installEventFilter(this);
    tcp->installEventFilter(this);
    m_edns->setObjectName(QStringLiteral("dnsEdns"));
    m_edns->setChecked(true);
    m_edns->setToolTip(tr("Send an EDNS0 OPT record advertising 1232 octets, as dig does. "
                          "Without it Consul cuts UDP answers to 3 records."));
    m_edns->installEventFilter(this);
    m_ask->setObjectName(QStringLiteral("dnsAsk"));
    m_ask->setDefault(true);
    m_ask->setToolTip(tr("Ask (Enter)"));
    m_dig->setObjectName(QStringLiteral("dnsDigCommand"));
    m_dig->setFont(fixed);
    m_dig->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyDig->setObjectName(QStringLiteral("dnsCopyDig"));
    m_copied->setObjectName(QStringLiteral("dnsCopied"));

    // Name, type and Ask on the first line; where and how to ask on the second; the same
    // question as a dig command on the third.
    auto *serverRow = new QHBoxLayout;
    serverRow->addWidget(m_server);
    serverRow->addSpacing(8);
    serverRow->addWidget(udp);
    serverRow->addWidget(tcp);
    serverRow->addSpacing(8);
    serverRow->addWidget(m_edns);
    serverRow->addStretch(1);
    auto *digRow = new QHBoxLayout;
    digRow->addWidget(m_dig, 1);
    digRow->addWidget(m_copied);
    auto *form = new QGridLayout;
    form->addWidget(new QLabel(tr("Name"), this), 0, 0);
    form->addWidget(m_name, 0, 1);
    form->addWidget(m_type, 0, 2);
    form->addWidget(m_ask, 0, 3);
    form->addWidget(new QLabel(tr("Server"), this), 1, 0);
    form->addLayout(serverRow, 1, 1, 1, 3);
    auto *digLabel = new QuietLabel(tr("Command"), this);
    digLabel->setObjectName(QStringLiteral("dnsCommandLabel"));
    digLabel->setToolTip(tr("The same question from a terminal"));
    form->addWidget(digLabel, 2, 0);
    form->addLayout(digRow, 2, 1);
    form->addWidget(m_copyDig, 2, 2, 1, 2);
    form->setColumnStretch(1, 1);

    m_start->setObjectName(QStringLiteral("dnsStart"));
    m_start->setTitle(tr("Ask Consul's DNS a question"));
    m_start->setHint(tr("Every service and node in the catalog has a DNS name. Try one of these, "
                        "or type a name above and press <b>Enter</b>.<br>The reply shows up "
                        "here as dig prints it, section by section, with what it left out and "
                        "why."));
    const QList<std::pair<QString, QString>> examples = {
        {QStringLiteral("web.service.consul"), QStringLiteral("SRV")},
        {QStringLiteral("rails.web.service.consul"), QStringLiteral("A")},
        {QStringLiteral("machine.node.consul"), QStringLiteral("A")},
        {QStringLiteral("consul.service.consul"), QStringLiteral("A")},
    };
    for (const auto &[name, type] : examples) {
        auto *button = new QPushButton(this);
        button->setFont(fixed);
        button->setProperty("dnsName", name);
        button->setProperty("dnsType", type);
        button->setText(QStringLiteral("%1  %2").arg(name, type));
        connect(button, &QPushButton::clicked, this, [this, button] {
            ask(button->property("dnsName").toString(), button->property("dnsType").toString());
        });
        m_start->addAction(button);
        m_examples << button;
    }
    m_stack->addWidget(m_start);
    m_stack->addWidget(m_answer);

    m_historyView->setObjectName(QStringLiteral("dnsHistory"));
    m_historyView->setModel(m_history);
    setUpTable(m_historyView);
    m_historyView->setSortingEnabled(false);
    // Widths for what the columns hold ("12:34:56", "AAAA", "NXDOMAIN"); the name takes the rest.
    const QFontMetrics metrics(m_historyView->font());
    const auto fit = [&metrics](const char *widest) {
        return metrics.horizontalAdvance(QLatin1String(widest)) + 24;
    };
    QHeaderView *historyHeader = m_historyView->horizontalHeader();
    historyHeader->resizeSection(DnsHistoryModel::Time, fit("00:00:00"));
    historyHeader->resizeSection(DnsHistoryModel::Type, fit("AAAA"));
    historyHeader->resizeSection(DnsHistoryModel::Transport, fit("UDP"));
    historyHeader->resizeSection(DnsHistoryModel::Status, fit("NXDOMAIN") + 20);
    historyHeader->resizeSection(DnsHistoryModel::Answers, fit("Answers"));
    historyHeader->resizeSection(DnsHistoryModel::Server, fit("127.0.0.1:8600"));
    historyHeader->resizeSection(DnsHistoryModel::Name, 320);
    auto *clearHistory = new QPushButton(tr("Clear"), this);
    clearHistory->setObjectName(QStringLiteral("dnsClearHistory"));
    clearHistory->setFlat(true);
    auto *historyTitle = new QLabel(tr("<b>History</b>"), this);
    historyTitle->setToolTip(tr("Click a question to see its reply again; double-click to ask "
                                "it again."));
    auto *historyTitleRow = new QHBoxLayout;
    historyTitleRow->addWidget(historyTitle, 1);
    historyTitleRow->addWidget(clearHistory);
    auto *historyPane = new QWidget(this);
    auto *historyLayout = new QVBoxLayout(historyPane);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addLayout(historyTitleRow);
    historyLayout->addWidget(m_historyView, 1);

    // The history below the answer, full width, so that both tables keep their columns.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_stack);
    splitter->addWidget(historyPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(0, false);
    splitter->setSizes({460, 170});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(tr("DNS"), this));
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    connect(m_name, &QLineEdit::returnPressed, this, &DnsPage::askCurrent);
    connect(m_server, &QLineEdit::returnPressed, this, &DnsPage::askCurrent);
    connect(m_server, &QLineEdit::textEdited, this, [this] { m_serverEdited = true; });
    connect(m_ask, &QPushButton::clicked, this, &DnsPage::askCurrent);
    connect(m_copyDig, &QPushButton::clicked, this, &DnsPage::copyDigCommand);
    for (QObject *input : {static_cast<QObject *>(m_name), static_cast<QObject *>(m_server)})
        connect(qobject_cast<QLineEdit *>(input), &QLineEdit::textChanged, this,
                &DnsPage::updateDigCommand);
    connect(m_type, &QComboBox::currentTextChanged, this, &DnsPage::updateDigCommand);
    connect(m_transport, &QButtonGroup::idToggled, this, &DnsPage::updateDigCommand);
    connect(m_edns, &QCheckBox::toggled, this, &DnsPage::updateDigCommand);
    connect(m_historyView, &QTableView::clicked, this,
            [this](const QModelIndex &index) { showHistoryEntry(index.row()); });
    connect(m_historyView, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        showHistoryEntry(index.row());
        askCurrent();
    });
    connect(clearHistory, &QPushButton::clicked, this, [this] {
        m_history->clear();
        saveHistory();
    });

    m_history->load(QSettings().value(QLatin1String(historyKey)).toList());
    updateDigCommand();
    loadAgentSettings();
}

void DnsPage::loadAgentSettings()
{
    m_client->start(AgentApi::self(), this, [this](const Expected<QJsonObject> &self) {
        m_settingsLoaded = true;
        if (!self) {
            m_server->setToolTip(tr("The agent did not say where its DNS listens (%1); this is "
                                    "a guess. Edit it if it is wrong.")
                                     .arg(self.error()));
            if (std::exchange(m_askWhenLoaded, false))
                askCurrent();
            return;
        }
        m_settings = agentDnsSettingsFromSelf(*self, m_apiHost);
        if (m_settings.server && !m_serverEdited)
            m_server->setText(m_settings.server->text());
        if (m_settings.dnsOff)
            m_error->showError(tr("The agent's DNS interface is off (DNS port -1)."),
                               tr("Start the agent without <code>-dns-port=-1</code>, or ask "
                                  "another server."));
        updateExamples();
        Q_EMIT agentSettingsLoaded();
        if (std::exchange(m_askWhenLoaded, false))
            askCurrent();
    });
}

void DnsPage::updateExamples()
{
    QString domain = m_settings.domain;
    if (domain.endsWith(QLatin1Char('.')))
        domain.chop(1);
    const QString node =
        m_settings.nodeName.isEmpty() ? QStringLiteral("machine") : m_settings.nodeName;
    const QStringList names = {
        QStringLiteral("web.service.") + domain, QStringLiteral("rails.web.service.") + domain,
        node + QStringLiteral(".node.") + domain, QStringLiteral("consul.service.") + domain};
    for (int i = 0; i < m_examples.size() && i < names.size(); ++i) {
        QPushButton *button = m_examples.at(i);
        const QString &name = names.at(i);
        button->setProperty("dnsName", name);
        button->setText(QStringLiteral("%1  %2").arg(name, button->property("dnsType").toString()));
    }
}

DnsQuestionInput DnsPage::currentQuestion() const
{
    DnsQuestionInput question;
    question.name = m_name->text().trimmed();
    question.type = m_type->currentText();
    question.tcp = m_transport->checkedId() == 1;
    question.edns = m_edns->isChecked();
    return question;
}

QString DnsPage::serverText() const
{
    return m_server->text();
}

void DnsPage::setServer(const QString &server)
{
    m_serverEdited = true;
    m_server->setText(server);
}

void DnsPage::setTcp(bool tcp)
{
    m_transport->button(tcp ? 1 : 0)->setChecked(true);
}

QString DnsPage::digCommandText() const
{
    const Expected<DnsServerAddress> server = parseDnsServerAddress(m_server->text());
    if (!server)
        return QString();
    DnsQuestionInput question = currentQuestion();
    if (question.name.isEmpty())
        question.name = m_name->placeholderText();
    return digCommand(*server, question);
}

void DnsPage::updateDigCommand()
{
    const QString command = digCommandText();
    m_dig->setText(command.isEmpty() ? tr("(the server field needs host:port)") : command);
    m_copyDig->setEnabled(!command.isEmpty());
    m_copied->clear();
}

void DnsPage::copyDigCommand()
{
    const QString command = digCommandText();
    if (command.isEmpty())
        return;
    QApplication::clipboard()->setText(command);
    m_copied->setText(tr("Copied"));
    QTimer::singleShot(2000, m_copied, &QLabel::clear);
}

void DnsPage::ask(const QString &name, const QString &type)
{
    m_name->setText(name);
    const int typeIndex = m_type->findText(type.toUpper());
    if (typeIndex >= 0)
        m_type->setCurrentIndex(typeIndex);
    if (!m_settingsLoaded && !m_serverEdited) {
        m_askWhenLoaded = true; // the server field still holds a guess
        return;
    }
    askCurrent();
}

void DnsPage::focusFilter()
{
    m_name->setFocus(Qt::ShortcutFocusReason);
    m_name->selectAll();
}

void DnsPage::askCurrent()
{
    const DnsQuestionInput question = currentQuestion();
    if (question.name.isEmpty()) {
        m_error->showError(tr("There is no name to ask for."),
                           tr("Type one, such as <code>web.service.consul</code>, or pick an "
                              "example below."));
        m_name->setFocus();
        return;
    }
    const Expected<DnsServerAddress> server = parseDnsServerAddress(m_server->text());
    if (!server) {
        m_error->showError(server.error(), adviceFor(dns::ClientQueryResult::Failure::Network));
        m_server->setFocus();
        return;
    }
    const std::optional<uint16_t> type = dns::typeFromName(question.type.toStdString());
    if (!type)
        return; // the combo box offers known types only
    m_error->clear();
    Q_EMIT routeChanged(QStringLiteral("dns/%1/%2").arg(question.name, question.type));
    if (m_query) {
        m_query->kill();
        m_query->deleteLater();
    }
    ++m_generation;
    dns::ClientQuestion asked;
    asked.name = questionName(question).toStdString();
    asked.type = *type;
    asked.transport = question.tcp ? dns::Transport::Tcp : dns::Transport::Udp;
    asked.edns = question.edns;
    m_query = new dns::ClientQuery(asked, server->host, server->port, queryTimeoutMs, this);
    const QString serverText = server->text();
    connect(
        m_query, &dns::ClientQuery::finished, this,
        [this, question, serverText, query = m_query.data()](const dns::ClientQueryResult &result) {
            query->deleteLater();
            m_ask->setText(tr("Ask"));
            onFinished(result, question, serverText);
        });
    m_ask->setText(tr("Asking…"));
    m_query->start();
}

void DnsPage::onFinished(const dns::ClientQueryResult &result, const DnsQuestionInput &question,
                         const QString &server)
{
    DnsHistoryEntry entry;
    entry.time = QDateTime::currentDateTime();
    entry.server = server;
    entry.question = question;
    entry.outcome = outcomeOf(result);
    entry.elapsedMs = result.elapsedMs;
    entry.query = QByteArray(reinterpret_cast<const char *>(result.query.data()),
                             qsizetype(result.query.size()));
    entry.response = QByteArray(reinterpret_cast<const char *>(result.response.data()),
                                qsizetype(result.response.size()));
    entry.error = result.error;
    const DnsReplyContext context{
        server, question.tcp ? QStringLiteral("TCP") : QStringLiteral("UDP"), result.elapsedMs};
    if (!result.ok()) {
        m_error->showError(result.error, adviceFor(result.failure));
        if (!result.response.empty()) { // malformed: let the wire bytes show what came
            m_answer->showReply(result.query, result.response, context);
            m_answer->showExplanation({});
            m_stack->setCurrentWidget(m_answer);
        }
        m_history->add(entry);
        saveHistory();
        Q_EMIT queryFailed(result.error);
        return;
    }
    const dns::MessageFields &message = *result.message;
    int answerRecords = 0;
    for (const dns::RecordFields &record : message.answer) {
        if (QString::fromStdString(record.type).compare(question.type, Qt::CaseInsensitive) == 0)
            ++answerRecords;
    }
    entry.answerCount = int(message.answer.size());
    m_history->add(entry);
    m_historyView->setCurrentIndex(m_history->index(0, 0));
    saveHistory();
    m_answer->showReply(result.query, result.response, context);
    m_stack->setCurrentWidget(m_answer);
    Q_EMIT answered();
    explain(question, message.header, answerRecords);
}

void DnsPage::explain(const DnsQuestionInput &question, const dns::Header &header,
                      int answerRecords)
{
    const uint8_t rcode = header.rcode;
    const quint64 generation = m_generation;
    const uint16_t type = dns::typeFromName(question.type.toStdString()).value_or(0);
    const DnsSubject subject =
        dnsSubjectOf(questionName(question), type, m_settings.domain, m_settings.altDomain);
    QueryOptions options;
    options.datacenter = subject.datacenter;
    const auto apiFailed = [this, generation](const QString &what, const QString &error) {
        showExplanation(generation,
                        {tr("Could not ask the HTTP API about %1: %2").arg(what, error)});
    };
    if (subject.kind == DnsSubject::Kind::Service) {
        m_answer->showExplanationPending();
        m_client->start(HealthApi::service(subject.service, options), this,
                        [=, this](const Expected<QList<ServiceEntry>> &entries) {
                            if (!entries)
                                return apiFailed(subject.service, entries.error());
                            showExplanation(
                                generation,
                                explainServiceAnswer(subject, *entries, m_settings.onlyPassing,
                                                     rcode, type, answerRecords, m_settings.domain),
                                checkLinksOf(subject, *entries, m_settings.onlyPassing));
                        });
        return;
    }
    if (subject.kind == DnsSubject::Kind::Node) {
        m_answer->showExplanationPending();
        m_client->start(CatalogApi::node(subject.node, options), this,
                        [=, this](const Expected<std::optional<CatalogNodeServices>> &node) {
                            if (!node)
                                return apiFailed(subject.node, node.error());
                            showExplanation(generation, explainNodeAnswer(subject, *node, rcode));
                        });
        return;
    }
    showExplanation(generation, explainWithoutCatalog(subject, rcode, m_settings.domain,
                                                      header.recursionAvailable));
}

void DnsPage::showExplanation(quint64 generation, const QStringList &lines,
                              const QList<DnsCheckLink> &checks)
{
    if (generation != m_generation)
        return; // another question was asked since
    m_answer->showExplanation(lines, checks);
    m_history->setExplanation(0, lines);
    saveHistory();
    Q_EMIT explained();
}

void DnsPage::showHistoryEntry(int row)
{
    if (row < 0 || row >= m_history->rowCount())
        return;
    const DnsHistoryEntry &entry = m_history->entryAt(row);
    ++m_generation; // an explanation still on its way belongs to another reply now
    m_name->setText(entry.question.name);
    const int typeIndex = m_type->findText(entry.question.type);
    if (typeIndex >= 0)
        m_type->setCurrentIndex(typeIndex);
    setTcp(entry.question.tcp);
    m_edns->setChecked(entry.question.edns);
    if (!entry.server.isEmpty() && entry.server != m_server->text()) {
        m_server->setText(entry.server);
        m_serverEdited = true;
    }
    if (entry.response.isEmpty()) {
        m_error->showError(entry.error, tr("Press <b>Enter</b> to ask again."));
        return;
    }
    m_error->clear();
    const dns::Bytes query(entry.query.begin(), entry.query.end());
    const dns::Bytes response(entry.response.begin(), entry.response.end());
    m_answer->showReply(
        query, response,
        DnsReplyContext{entry.server,
                        entry.question.tcp ? QStringLiteral("TCP") : QStringLiteral("UDP"),
                        entry.elapsedMs});
    m_answer->showExplanation(entry.explanation);
    m_stack->setCurrentWidget(m_answer);
}

void DnsPage::saveHistory() const
{
    QSettings().setValue(QLatin1String(historyKey), m_history->toVariant(savedHistory));
}

bool DnsPage::eventFilter(QObject *watched, QEvent *event)
{
    // Enter asks from any control of the form, not only from the text fields.
    if (event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) &&
            !(watched == m_type && m_type->view()->isVisible())) {
            askCurrent();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace qonsul::ui
