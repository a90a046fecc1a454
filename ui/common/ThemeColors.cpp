#include "common/ThemeColors.h"

#include <algorithm>
#include <cmath>

namespace qonsul::ui {

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QPalette darkPalette()
{
    const QColor window(0x2d, 0x2f, 0x33);
    const QColor base(0x1f, 0x21, 0x24);
    const QColor text(0xe8, 0xe8, 0xe8);
    const QColor disabledText(0x80, 0x80, 0x80);
    const QColor highlight(0x3d, 0x7e, 0xd6);
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x37, 0x3a, 0x3f));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Midlight, QColor(0x3e, 0x41, 0x46));
    p.setColor(QPalette::Mid, QColor(0x25, 0x27, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1b, 0x1e));
    p.setColor(QPalette::Shadow, QColor(0x0d, 0x0d, 0x0f));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb2, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xff));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x53, 0x58));
    return p;
}

QPalette lightPalette()
{
    const QColor window(0xef, 0xef, 0xef);
    QPalette p(window);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf5, 0xf6, 0xf7));
    p.setColor(QPalette::Text, QColor(0x1d, 0x1d, 0x1f));
    p.setColor(QPalette::WindowText, QColor(0x1d, 0x1d, 0x1f));
    p.setColor(QPalette::ButtonText, QColor(0x1d, 0x1d, 0x1f));
    p.setColor(QPalette::PlaceholderText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x1a, 0x5f, 0xb4));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xdc));
    p.setColor(QPalette::ToolTipText, Qt::black);
    // setColor(role, …) above set every group; disabled text must still look disabled.
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x9a, 0x9a, 0x9a));
    return p;
}

QColor toneColor(Tone tone, const QPalette &palette)
{
    // Brighter on dark backgrounds, deeper on light ones: both keep ~3:1 contrast.
    const bool dark = isDarkPalette(palette);
    switch (tone) {
    case Tone::Passing:
        return dark ? QColor(0x4c, 0xc3, 0x6f) : QColor(0x2e, 0x9e, 0x4f);
    case Tone::Warning:
        return dark ? QColor(0xf2, 0xb8, 0x2e) : QColor(0xe0, 0xa0, 0x00);
    case Tone::Critical:
        return dark ? QColor(0xf2, 0x5f, 0x5c) : QColor(0xd3, 0x2f, 0x2f);
    case Tone::Neutral:
        return dark ? QColor(0x8c, 0x8c, 0x8c) : QColor(0x9e, 0x9e, 0x9e);
    }
    return palette.color(QPalette::Text);
}

QColor errorTextColor(const QPalette &palette)
{
    return isDarkPalette(palette) ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
}

QColor warningTextColor(const QPalette &palette)
{
    return isDarkPalette(palette) ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00);
}

QColor errorBackgroundColor(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const qreal red = isDarkPalette(palette) ? 0.25 : 0.3;
    return QColor::fromRgbF(base.redF() * (1 - red) + red, base.greenF() * (1 - red),
                            base.blueF() * (1 - red));
}

QColor infoBackgroundColor(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const qreal tint = isDarkPalette(palette) ? 0.22 : 0.12;
    const QColor blue(0x3d, 0x7e, 0xd6);
    return QColor::fromRgbF(base.redF() * (1 - tint) + blue.redF() * tint,
                            base.greenF() * (1 - tint) + blue.greenF() * tint,
                            base.blueF() * (1 - tint) + blue.blueF() * tint);
}

QColor quietTextColor(const QPalette &palette)
{
    const QColor text = palette.color(QPalette::WindowText);
    const QColor window = palette.color(QPalette::Window);
    // From 45 % of the way to the window colour back towards the text, until it reads.
    for (qreal toWindow = 0.45; toWindow > 0; toWindow -= 0.05) {
        const QColor mixed =
            QColor::fromRgbF(text.redF() + (window.redF() - text.redF()) * toWindow,
                             text.greenF() + (window.greenF() - text.greenF()) * toWindow,
                             text.blueF() + (window.blueF() - text.blueF()) * toWindow);
        if (contrastRatio(mixed, window) >= 4.5)
            return mixed;
    }
    return text;
}

QColor readableTextOn(const QColor &background)
{
    const QColor black(Qt::black), white(Qt::white);
    return contrastRatio(black, background) >= contrastRatio(white, background) ? black : white;
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](qreal v) {
            return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) +
               0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace qonsul::ui
