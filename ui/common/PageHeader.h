#pragma once
// A page's title line, Consul UI style: "Services  3 total".

#include <QLabel>

namespace qonsul::ui {

class PageHeader : public QLabel
{
    Q_OBJECT
public:
    explicit PageHeader(const QString &title, QWidget *parent = nullptr);

    // Shows "<title>  <n> total"; a negative count shows the title alone.
    void setCount(int count);

private:
    QString m_title;
};

} // namespace qonsul::ui
