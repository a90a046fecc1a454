#include "intentions/IntentionEditor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>

namespace qonsul::ui {

namespace {

QComboBox *serviceBox(const QString &objectName, const QStringList &services, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(objectName);
    box->setEditable(true);
    box->setInsertPolicy(QComboBox::NoInsert);
    box->addItem(QStringLiteral("*"));
    box->addItems(services);
    box->setCurrentIndex(-1);
    box->lineEdit()->setPlaceholderText(QObject::tr("a service name, or * for any"));
    return box;
}

} // namespace

IntentionEditor::IntentionEditor(const IntentionEntry &intention, const QStringList &services,
                                 QWidget *parent)
    : QDialog(parent), m_original(intention),
      m_source(serviceBox(QStringLiteral("intentionSource"), services, this)),
      m_destination(serviceBox(QStringLiteral("intentionDestination"), services, this)),
      m_allow(new QRadioButton(tr("&Allow"), this)), m_deny(new QRadioButton(tr("&Deny"), this)),
      m_description(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("intentionEditor"));
    setWindowTitle(intention.id.isEmpty() ? tr("New Intention") : tr("Edit Intention"));
    m_allow->setObjectName(QStringLiteral("intentionAllow"));
    m_deny->setObjectName(QStringLiteral("intentionDeny"));
    m_description->setObjectName(QStringLiteral("intentionDescription"));
    if (!intention.id.isEmpty()) {
        setSource(intention.sourceName);
        setDestination(intention.destinationName);
    }
    setAction(intention.action.isEmpty() ? QStringLiteral("allow") : intention.action);
    m_description->setText(intention.description);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_allow);
    actions->addWidget(m_deny);
    actions->addStretch(1);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Source service:"), m_source);
    form->addRow(tr("D&estination service:"), m_destination);
    form->addRow(tr("Should this source connect to the destination?"), actions);
    form->addRow(tr("Des&cription:"), m_description);
    form->addRow(m_buttons);

    const auto update = [this] {
        m_buttons->button(QDialogButtonBox::Save)->setEnabled(isComplete());
    };
    connect(m_source, &QComboBox::currentTextChanged, this, update);
    connect(m_destination, &QComboBox::currentTextChanged, this, update);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
}

IntentionEntry IntentionEditor::intention() const
{
    IntentionEntry out = m_original;
    out.sourceName = m_source->currentText().trimmed();
    out.destinationName = m_destination->currentText().trimmed();
    out.action = m_deny->isChecked() ? QStringLiteral("deny") : QStringLiteral("allow");
    out.description = m_description->text();
    return out;
}

void IntentionEditor::setSource(const QString &name)
{
    m_source->setCurrentText(name);
}

void IntentionEditor::setDestination(const QString &name)
{
    m_destination->setCurrentText(name);
}

void IntentionEditor::setAction(const QString &action)
{
    (action == QLatin1String("deny") ? m_deny : m_allow)->setChecked(true);
}

void IntentionEditor::setDescription(const QString &description)
{
    m_description->setText(description);
}

bool IntentionEditor::isComplete() const
{
    return !m_source->currentText().trimmed().isEmpty() &&
           !m_destination->currentText().trimmed().isEmpty();
}

} // namespace qonsul::ui
