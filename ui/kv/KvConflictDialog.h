#pragma once
// Shown when a save lost a check-and-set race: the value the user wrote and the one now on
// the agent side by side; the user keeps theirs (saved over the new index) or takes the
// agent's. Non-blocking: open() it and read choice() in finished().

#include <QDialog>

namespace qonsul::ui {

class KvConflictDialog : public QDialog
{
    Q_OBJECT
public:
    enum Choice { Cancel = 0, KeepMine = 1, UseTheirs = 2 };

    KvConflictDialog(const QString &key, const QByteArray &mine, const QByteArray &theirs,
                     quint64 theirIndex, bool theirsDeleted, QWidget *parent = nullptr);

    Choice choice() const { return Choice(result()); }
};

} // namespace qonsul::ui
