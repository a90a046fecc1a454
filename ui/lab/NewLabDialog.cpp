#include "lab/NewLabDialog.h"

#include "common/FixedFont.h"
#include "common/QuietLabel.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace qonsul::ui {

NewLabDialog::NewLabDialog(LabSetup setup, QWidget *parent)
    : QDialog(parent), m_setup(std::move(setup)), m_servers(new QSpinBox(this)),
      m_clients(new QSpinBox(this)), m_command(new QLabel(this))
{
    setObjectName(QStringLiteral("newLabDialog"));
    setWindowTitle(tr("New Lab"));
    m_servers->setObjectName(QStringLiteral("newLabServers"));
    m_servers->setRange(1, 7);
    m_servers->setValue(3);
    m_servers->setToolTip(tr("Servers elect a leader with Raft; three survive the loss of one, "
                             "five the loss of two."));
    m_clients->setObjectName(QStringLiteral("newLabClients"));
    m_clients->setRange(0, 10);
    m_clients->setValue(1);
    m_clients->setToolTip(tr("Client agents run services and forward to the servers."));
    m_command->setObjectName(QStringLiteral("newLabCommand"));
    m_command->setFont(fixedFont());
    m_command->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_command->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Servers:"), m_servers);
    form->addRow(tr("&Clients:"), m_clients);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Start"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QuietLabel(tr("Runs:"), this));
    layout->addWidget(m_command);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_servers, &QSpinBox::valueChanged, this, &NewLabDialog::updateCommand);
    connect(m_clients, &QSpinBox::valueChanged, this, &NewLabDialog::updateCommand);
    updateCommand();
}

int NewLabDialog::servers() const
{
    return m_servers->value();
}

int NewLabDialog::clients() const
{
    return m_clients->value();
}

void NewLabDialog::setServers(int servers)
{
    m_servers->setValue(servers);
}

void NewLabDialog::setClients(int clients)
{
    m_clients->setValue(clients);
}

QStringList NewLabDialog::upFlags() const
{
    return {QStringLiteral("-servers=%1").arg(servers()),
            QStringLiteral("-clients=%1").arg(clients())};
}

void NewLabDialog::updateCommand()
{
    m_command->setText(m_setup.commandLine(QStringLiteral("up"), upFlags(), {}));
}

} // namespace qonsul::ui
