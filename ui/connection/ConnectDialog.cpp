#include "connection/ConnectDialog.h"

#include "api/ApiClient.h"
#include "api/CatalogApi.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>
#include <optional>

namespace qonsul::ui {

namespace {

const char *const recentKey = "connect/recent";
// Address → token, only for addresses whose token the user asked to remember.
const char *const tokensKey = "connect/tokens";
constexpr int debounceMs = 350;

QVariantMap rememberedTokens()
{
    return QSettings().value(QLatin1String(tokensKey)).toMap();
}

// The datacenter names in a /v1/catalog/datacenters answer, or nothing when it is not one.
std::optional<QStringList> datacenterList(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return std::nullopt;
    QStringList names;
    for (const QJsonValue &value : doc.array()) {
        if (!value.isString())
            return std::nullopt;
        names << value.toString();
    }
    return names;
}

} // namespace

ConnectDialog::ConnectDialog(const ApiConfig &current, QWidget *parent)
    : QDialog(parent), m_base(current), m_address(new QComboBox(this)),
      m_token(new QLineEdit(this)), m_rememberToken(new QCheckBox(tr("Remember token"), this)),
      m_datacenter(new QComboBox(this)), m_status(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to Agent"));
    m_address->setObjectName(QStringLiteral("connectAddress"));
    m_address->setEditable(true);
    m_address->setInsertPolicy(QComboBox::NoInsert);
    m_address->setMinimumContentsLength(28);
    m_address->addItems(recentAddresses());
    m_address->setEditText(current.address);
    m_address->lineEdit()->setPlaceholderText(QStringLiteral("127.0.0.1:8500"));
    m_address->setToolTip(tr("The agent's HTTP API: host:port, or http(s)://host:port"));

    m_token->setObjectName(QStringLiteral("connectToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("none (anonymous)"));
    m_token->setToolTip(tr("Sent as X-Consul-Token with every request"));
    // A token file (CONSUL_HTTP_TOKEN_FILE) is read now: the field holds what is sent.
    const Expected<QString> token = current.effectiveToken();
    m_token->setText(token ? *token : current.token);
    m_rememberToken->setObjectName(QStringLiteral("connectRememberToken"));
    m_rememberToken->setToolTip(
        tr("Keep the token in the app's settings file, in plain text, for this address"));

    m_datacenter->setObjectName(QStringLiteral("connectDatacenter"));
    m_datacenter->setEnabled(false);
    m_status->setObjectName(QStringLiteral("connectStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumHeight(m_status->fontMetrics().height() * 3);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("&Address"), m_address);
    form->addRow(tr("ACL &token"), m_token);
    form->addRow(QString(), m_rememberToken);
    form->addRow(tr("&Datacenter"), m_datacenter);
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(debounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &ConnectDialog::lookUp);
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (m_lookup)
            m_lookup->kill();
        showFailure(tr("No answer from %1 within %2 s (timeout). Is that the agent's HTTP "
                       "address, and does a firewall let it through?")
                        .arg(m_lookedUpAddress)
                        .arg(m_timeoutMs / 1000.0));
    });
    connect(m_address, &QComboBox::editTextChanged, this, [this] { m_debounce.start(); });
    connect(m_address, &QComboBox::activated, this, &ConnectDialog::onAddressChosen);
    connect(m_token, &QLineEdit::textEdited, this, [this] { m_debounce.start(); });

    onAddressChosen();
}

QStringList ConnectDialog::recentAddresses()
{
    return QSettings().value(QLatin1String(recentKey)).toStringList();
}

ApiConfig ConnectDialog::chosenConfig() const
{
    ApiConfig config = m_base;
    config.address = m_address->currentText().trimmed();
    config.token = m_token->text();
    config.tokenFile.clear(); // the token typed here is the one to send
    config.datacenter = m_datacenter->currentText();
    return config;
}

QString ConnectDialog::statusText() const
{
    return m_status->text();
}

void ConnectDialog::onAddressChosen()
{
    const QVariantMap tokens = rememberedTokens();
    const QString address = m_address->currentText().trimmed();
    if (tokens.contains(address)) {
        m_token->setText(tokens.value(address).toString());
        m_rememberToken->setChecked(true);
    }
    lookUp();
}

void ConnectDialog::lookUp()
{
    m_debounce.stop();
    m_timeout.stop();
    if (m_lookup)
        m_lookup->kill();
    m_datacenters.clear();
    m_datacenter->clear();
    m_datacenter->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);

    ApiConfig config = chosenConfig();
    config.datacenter.clear();
    m_lookedUpAddress = config.address;
    if (config.address.isEmpty()) {
        m_status->setText(tr("Type the agent's HTTP address, e.g. 127.0.0.1:8500."));
        return;
    }
    const Expected<QUrl> base = config.baseUrl();
    if (!base) {
        showFailure(tr("That is not an address: %1").arg(base.error()));
        return;
    }
    m_status->setText(tr("Asking %1 for its datacenters…").arg(config.address));
    delete m_client;
    m_client = new ApiClient(config, this);
    m_lookup = m_client->start(CatalogApi::datacenters().request);
    connect(m_lookup, &ApiCall::finished, this, &ConnectDialog::onLookupAnswered);
    m_timeout.start(m_timeoutMs);
}

void ConnectDialog::onLookupAnswered(ApiCall *call)
{
    m_timeout.stop();
    const ApiResponse &response = call->response();
    const QString address = m_lookedUpAddress;
    if (response.isTransportFailure()) {
        const QString error = response.transportError;
        if (error.contains(QLatin1String("connection refused")))
            showFailure(tr("Nothing listens at %1 (connection refused). Is the agent running, "
                           "and is this its HTTP port (8500 unless configured)?")
                            .arg(address));
        else if (error.contains(QLatin1String("no such host")))
            showFailure(tr("The host of %1 is unknown (no such host).").arg(address));
        else
            showFailure(tr("Could not reach %1: %2").arg(address, error));
        return;
    }
    if (response.statusCode == 403) {
        showFailure(tr("%1 refused the token: %2").arg(address, response.errorText()));
        return;
    }
    const std::optional<QStringList> names =
        response.statusCode == 200 ? datacenterList(response.body) : std::nullopt;
    if (!names || names->isEmpty()) {
        showFailure(tr("%1 answered, but not as a Consul agent does (HTTP %2 for "
                       "/v1/catalog/datacenters). Is this the agent's HTTP API port?")
                        .arg(address)
                        .arg(response.statusCode));
        return;
    }
    m_datacenters = *names;
    m_datacenter->addItems(m_datacenters);
    // The agent lists its own datacenter first; keep the current choice when it is offered.
    if (const int wanted = m_datacenter->findText(m_base.datacenter); wanted >= 0)
        m_datacenter->setCurrentIndex(wanted);
    m_datacenter->setEnabled(true);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
    m_status->setText(
        m_datacenters.size() == 1
            ? tr("Found an agent with datacenter %1.").arg(m_datacenters.first())
            : tr("Found an agent; it knows %n datacenter(s).", nullptr, int(m_datacenters.size())));
    Q_EMIT lookupFinished(true);
}

void ConnectDialog::showFailure(const QString &text)
{
    m_status->setText(QStringLiteral("⚠ ") + text);
    Q_EMIT lookupFinished(false);
}

void ConnectDialog::accept()
{
    if (m_datacenters.isEmpty())
        return; // only an address that answered as an agent
    remember();
    QDialog::accept();
}

void ConnectDialog::remember() const
{
    QSettings settings;
    const QString address = m_address->currentText().trimmed();
    QStringList recent = recentAddresses();
    recent.removeAll(address);
    recent.prepend(address);
    while (recent.size() > recentLimit)
        recent.removeLast();
    settings.setValue(QLatin1String(recentKey), recent);

    QVariantMap tokens = rememberedTokens();
    if (m_rememberToken->isChecked() && !m_token->text().isEmpty())
        tokens.insert(address, m_token->text());
    else
        tokens.remove(address);
    if (tokens.isEmpty())
        settings.remove(QLatin1String(tokensKey));
    else
        settings.setValue(QLatin1String(tokensKey), tokens);
}

} // namespace qonsul::ui
