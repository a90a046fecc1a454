// Commands, logs and DNS text are set in a fixed-pitch font in Japanese too: under a Japanese
// locale fontconfig answers "monospace" with a proportional font that has Japanese glyphs
// (Debian's Droid Sans Fallback), which squeezed the spaces of commands away.
#include "common/FixedFont.h"

#include <QApplication>
#include <QFontInfo>
#include <QFontMetrics>
#include <QtTest>

using namespace qonsul::ui;

class FixedFontTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commandsKeepTheirSpacesInJapanese()
    {
        const QFont font = fixedFont();
        QVERIFY2(QFontInfo(font).fixedPitch(), qPrintable(QFontInfo(font).family()));
        const QFontMetrics metrics(font);
        QCOMPARE(metrics.horizontalAdvance(QLatin1Char(' ')),
                 metrics.horizontalAdvance(QLatin1Char('m')));
    }
};

int main(int argc, char **argv)
{
    // Before fontconfig starts: the locale a Japanese learner's desktop has.
    qputenv("LANG", "ja_JP.UTF-8");
    qputenv("LANGUAGE", "ja");
    QApplication app(argc, argv);
    FixedFontTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "fixed_font_test.moc"
