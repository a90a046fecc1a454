#pragma once
// Creating or editing an intention, as Consul's web UI form has it: source and destination
// (a service name or * for any; the known services offered), allow or deny, and a description.
// OK is enabled once both names are given.

#include "api/ConnectApi.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QRadioButton;

namespace qonsul::ui {

class IntentionEditor : public QDialog
{
    Q_OBJECT
public:
    // `intention` is the one edited (an empty ID: a new one); `services` fill the name lists.
    IntentionEditor(const IntentionEntry &intention, const QStringList &services,
                    QWidget *parent = nullptr);

    // What the form says, on top of the intention given (its ID and meta kept).
    IntentionEntry intention() const;
    void setSource(const QString &name);
    void setDestination(const QString &name);
    void setAction(const QString &action);
    void setDescription(const QString &description);
    bool isComplete() const;

private:
    IntentionEntry m_original;
    QComboBox *m_source;
    QComboBox *m_destination;
    QRadioButton *m_allow;
    QRadioButton *m_deny;
    QLineEdit *m_description;
    QDialogButtonBox *m_buttons;
};

} // namespace qonsul::ui
