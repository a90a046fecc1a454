#include "kv/KvConflictDialog.h"

#include "common/FixedFont.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>

namespace qonsul::ui {

namespace {

QPlainTextEdit *readOnlyText(const QByteArray &text, const QString &name, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(QString::fromUtf8(text), parent);
    edit->setObjectName(name);
    edit->setReadOnly(true);
    edit->setFont(fixedFont());
    return edit;
}

} // namespace

KvConflictDialog::KvConflictDialog(const QString &key, const QByteArray &mine,
                                   const QByteArray &theirs, quint64 theirIndex, bool theirsDeleted,
                                   QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("kvConflictDialog"));
    setWindowTitle(tr("%1 changed while you were editing").arg(key));
    auto *intro = new QLabel(
        theirsDeleted
            ? tr("<b>%1</b> was deleted on the agent after you opened it. Save yours to create "
                 "it again, or drop your changes.")
                  .arg(key.toHtmlEscaped())
            : tr("<b>%1</b> was changed on the agent (now at ModifyIndex %2) after you opened "
                 "it, so your save was refused (check-and-set). Choose which value to keep.")
                  .arg(key.toHtmlEscaped())
                  .arg(theirIndex),
        this);
    intro->setWordWrap(true);

    auto *grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("<b>Yours</b>"), this), 0, 0);
    grid->addWidget(
        new QLabel(theirsDeleted ? tr("<b>On the agent</b> (deleted)") : tr("<b>On the agent</b>"),
                   this),
        0, 1);
    grid->addWidget(readOnlyText(mine, QStringLiteral("mineText"), this), 1, 0);
    grid->addWidget(readOnlyText(theirs, QStringLiteral("theirsText"), this), 1, 1);

    auto *keepMine = new QPushButton(tr("Save mine"), this);
    keepMine->setObjectName(QStringLiteral("keepMine"));
    auto *useTheirs = new QPushButton(theirsDeleted ? tr("Drop mine") : tr("Use theirs"), this);
    useTheirs->setObjectName(QStringLiteral("useTheirs"));
    auto *cancel = new QPushButton(tr("Keep editing"), this);
    cancel->setObjectName(QStringLiteral("cancelConflict"));
    connect(keepMine, &QPushButton::clicked, this, [this] { done(KeepMine); });
    connect(useTheirs, &QPushButton::clicked, this, [this] { done(UseTheirs); });
    connect(cancel, &QPushButton::clicked, this, [this] { done(Cancel); });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(cancel);
    buttons->addWidget(useTheirs);
    buttons->addWidget(keepMine);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(grid, 1);
    layout->addLayout(buttons);
    resize(760, 420);
}

} // namespace qonsul::ui
