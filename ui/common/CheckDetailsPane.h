#pragma once
// The selected health check in full: its status (maintenance called maintenance), its whole
// output in a monospace block with Copy (a table cell shows one cut line: curl's progress
// header, not the "Failed to connect" under it), and what runs it and when (CheckDescription).
//
// For a check of the node whose agent the app talks to, it asks that agent for the details
// Consul's API leaves out, and again every second while it is shown, so that "next run"
// counts down and a new output appears as soon as the agent has it.

#include "api/AgentApi.h"
#include "api/Records.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace qonsul {
class ApiCall;
class ApiClient;
} // namespace qonsul

namespace qonsul::ui {

class QuietLabel;

class CheckDetailsPane : public QWidget
{
    Q_OBJECT
public:
    explicit CheckDetailsPane(ApiClient *client, QWidget *parent = nullptr);

    // Shows `check` (a newer copy of the one shown keeps what the agent said about it).
    void showCheck(const HealthCheck &check);
    void clear();
    bool hasCheck() const { return m_check.has_value(); }
    QString checkId() const { return m_check ? m_check->checkId : QString(); }
    QString outputText() const;
    // The description rows as "Label: value" lines.
    QString descriptionText() const;
    // Whether the agent gave its own account of the check (it is one of its checks).
    bool hasAgentDetails() const { return m_details.has_value(); }

Q_SIGNALS:
    // The agent answered about the check shown (details, or that it is not its own).
    void detailsArrived();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void askAgentNode();
    void askDetails();
    void render();

    ApiClient *m_client;
    QLabel *m_heading;
    QLabel *m_maintenance;
    QPlainTextEdit *m_output;
    QPushButton *m_copy;
    QuietLabel *m_copied;
    QLabel *m_description;
    QLabel *m_placeholder;
    QWidget *m_content;
    QTimer m_refresh;
    std::optional<HealthCheck> m_check;
    std::optional<LocalCheckDetails> m_details;
    QString m_agentNode;      // empty until the agent said
    bool m_askedNode = false; // for the check shown
    QPointer<ApiCall> m_detailsCall;
    quint64 m_generation = 0; // bumped per check shown: late answers about another are dropped
};

} // namespace qonsul::ui
