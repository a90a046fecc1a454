#pragma once
// File ▸ Connect to Agent…: the HTTP address of any Consul-compatible agent (another Qonsul
// or a real Consul), an ACL token, and a datacenter picked from the ones that agent lists
// (GET /v1/catalog/datacenters, asked as soon as an address is typed). What goes wrong is said
// inline: nothing listens there, no answer in time, or something answered that is not an
// agent. Recent addresses are remembered; a token only when "Remember token" is ticked.

#include "api/ApiConfig.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace qonsul {
class ApiCall;
class ApiClient;
} // namespace qonsul

namespace qonsul::ui {

class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    // `current` fills the fields (and its TLS settings are kept for the new address).
    explicit ConnectDialog(const ApiConfig &current, QWidget *parent = nullptr);

    // The agent to attach to, once accepted.
    ApiConfig chosenConfig() const;
    QStringList datacenters() const { return m_datacenters; }
    // The inline status line: what the lookup found or what went wrong.
    QString statusText() const;
    // How long a lookup may wait for an answer (default 3 s).
    void setLookupTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    // Asks the address for its datacenters now (typing does it after a short pause).
    void lookUp();

    // Recent addresses, newest first, as remembered in QSettings.
    static QStringList recentAddresses();
    static constexpr int recentLimit = 10;

    void accept() override;

Q_SIGNALS:
    // A lookup ended: the datacenters were listed (ok), or it failed (statusText() says why).
    void lookupFinished(bool ok);

private:
    void onAddressChosen();
    void onLookupAnswered(ApiCall *call);
    void showFailure(const QString &text);
    void remember() const;

    ApiConfig m_base;
    QComboBox *m_address;
    QLineEdit *m_token;
    QCheckBox *m_rememberToken;
    QComboBox *m_datacenter;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QTimer m_debounce;
    QTimer m_timeout;
    int m_timeoutMs = 3000;
    ApiClient *m_client = nullptr;
    QPointer<ApiCall> m_lookup;
    QString m_lookedUpAddress;
    QStringList m_datacenters;
};

} // namespace qonsul::ui
