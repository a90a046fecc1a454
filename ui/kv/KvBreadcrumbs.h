#pragma once
// The path above the Key/Value list: "Key / Value › redis › config", each part a button that
// goes to that folder.

#include <QWidget>

class QHBoxLayout;

namespace qonsul::ui {

class KvBreadcrumbs : public QWidget
{
    Q_OBJECT
public:
    explicit KvBreadcrumbs(QWidget *parent = nullptr);

    // `prefix` is "" for the root or a folder key ending in "/".
    void setPrefix(const QString &prefix);

Q_SIGNALS:
    void folderChosen(const QString &prefix);

private:
    QHBoxLayout *m_layout;
};

} // namespace qonsul::ui
