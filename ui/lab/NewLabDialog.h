#pragma once
// Lab ▸ New Lab…: how many servers (1 to 7, the lab's limit) and clients to start, with the
// `qonsul lab up` command that will run.

#include "lab/LabSetup.h"

#include <QDialog>

class QLabel;
class QSpinBox;

namespace qonsul::ui {

class NewLabDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewLabDialog(LabSetup setup, QWidget *parent = nullptr);

    int servers() const;
    int clients() const;
    void setServers(int servers);
    void setClients(int clients);
    // `-servers N -clients M`, for `lab up`.
    QStringList upFlags() const;

private:
    void updateCommand();

    LabSetup m_setup;
    QSpinBox *m_servers;
    QSpinBox *m_clients;
    QLabel *m_command;
};

} // namespace qonsul::ui
