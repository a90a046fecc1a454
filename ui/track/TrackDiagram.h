#pragma once
// A step's small diagram: boxes and labelled arrows, from a line such as
// "curl > agent : HTTP 8500; dig > agent : DNS 8600". Boxes stand in columns by how far they
// are from a box no arrow points to; colours come from the palette, so it reads in dark mode.
// Its accessible name says the same in words.

#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

namespace qonsul::ui {

struct TrackDiagramSpec
{
    struct Arrow
    {
        int from;
        int to;
        QString label;
    };
    QStringList boxes;
    QList<Arrow> arrows;
    QList<int> column; // per box

    static TrackDiagramSpec parse(const QString &text);
    QString describe() const; // "curl → agent (HTTP 8500); …"
};

class TrackDiagram : public QWidget
{
    Q_OBJECT
public:
    explicit TrackDiagram(QWidget *parent = nullptr);

    void setSpec(const QString &text);
    const TrackDiagramSpec &spec() const { return m_spec; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    TrackDiagramSpec m_spec;
};

} // namespace qonsul::ui
