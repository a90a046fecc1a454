// The desktop app's identity: the icon compiled into the binary is the scalable SVG that the
// package installs (drawn crisp at any size, not a bitmap that stops at one), and the app
// names itself after the .desktop file the package installs, so a shell matches its windows
// to the launcher and shows the icon on every window.
#include "ApplicationIdentity.h"

#include <QApplication>
#include <QImage>
#include <QPixmap>
#include <QWidget>
#include <QtTest>

using namespace qonsul::ui;

namespace {

// The icon drawn at `side` pixels; the SVG's 128-unit canvas scaled to fit.
QImage drawnIcon(const QIcon &icon, int side)
{
    return icon.pixmap(QSize(side, side)).toImage().convertToFormat(QImage::Format_ARGB32);
}

// A point of the SVG's 128 x 128 canvas, on an image `side` pixels wide.
QPoint onCanvas(int x, int y, int side)
{
    return QPoint(x * side / 128, y * side / 128);
}

} // namespace

class ApplicationIdentityTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void iconIsDrawnAtEverySizeAskedFor_data()
    {
        QTest::addColumn<int>("side");
        QTest::newRow("16") << 16;
        QTest::newRow("48") << 48;
        QTest::newRow("256") << 256;
        QTest::newRow("512") << 512;
    }

    void iconIsDrawnAtEverySizeAskedFor()
    {
        QFETCH(int, side);
        const QIcon icon = applicationIcon();
        QVERIFY2(!icon.isNull(), "the icon resource did not load");
        // A bitmap icon is never scaled up by QIcon::pixmap; only the SVG engine gives 512.
        QCOMPARE(icon.pixmap(QSize(side, side)).size(), QSize(side, side));
    }

    void iconIsTheRoundedSquareWithTheMesh()
    {
        const int side = 256;
        const QImage image = drawnIcon(applicationIcon(), side);
        QCOMPARE(image.size(), QSize(side, side));

        // Outside the rounded square: transparent, in the corner and in the margin.
        QCOMPARE(qAlpha(image.pixel(onCanvas(1, 1, side))), 0);
        QCOMPARE(qAlpha(image.pixel(onCanvas(10, 10, side))), 0);

        // The background between the ring and the edge: opaque magenta-to-purple.
        const QRgb background = image.pixel(onCanvas(16, 64, side));
        QCOMPARE(qAlpha(background), 255);
        QVERIFY2(qRed(background) > qGreen(background) && qBlue(background) > qGreen(background),
                 qPrintable(QColor(background).name()));

        // The six services on the ring and the catalog in the middle: white discs.
        const QList<QPoint> nodes = {{94, 64}, {79, 90}, {49, 90}, {34, 64},
                                     {49, 38}, {79, 38}, {64, 56}};
        for (const QPoint &node : nodes) {
            const QRgb pixel = image.pixel(onCanvas(node.x(), node.y(), side));
            QVERIFY2(qRed(pixel) > 240 && qGreen(pixel) > 240 && qBlue(pixel) > 240,
                     qPrintable(QStringLiteral("(%1, %2) is %3")
                                    .arg(node.x())
                                    .arg(node.y())
                                    .arg(QColor(pixel).name())));
        }
    }

    void applicationNamesItselfAfterItsDesktopFile()
    {
        applyApplicationIdentity();
        // The installed file is share/applications/io.qonsul.Qonsul.desktop.
        QCOMPARE(QGuiApplication::desktopFileName(), QStringLiteral("io.qonsul.Qonsul"));
        QCOMPARE(QGuiApplication::applicationDisplayName(), QStringLiteral("Qonsul"));
    }

    void everyWindowCarriesTheIcon()
    {
        applyApplicationIdentity();
        QWidget window;
        const QImage shown = drawnIcon(window.windowIcon(), 64);
        QVERIFY(!shown.isNull());
        QCOMPARE(shown, drawnIcon(applicationIcon(), 64));
    }
};

QTEST_MAIN(ApplicationIdentityTest)
#include "application_identity_test.moc"
