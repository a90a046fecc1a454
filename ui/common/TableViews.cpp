#include "common/TableViews.h"

#include "common/CheckListModel.h"

#include <QEvent>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTableView>
#include <algorithm>

namespace qonsul::ui {

namespace {

// Spreads a wide table's spare width over all its columns, in proportion to their widths, so
// that on a 1920 px screen the last column does not take it all (Qt's stretchLastSection).
// A column the user resizes keeps its width until the table is resized again; narrower than
// the columns, the table scrolls.
class ColumnSpreader : public QObject
{
public:
    explicit ColumnSpreader(QTableView *view) : QObject(view), m_view(view)
    {
        view->viewport()->installEventFilter(this);
        QHeaderView *header = view->horizontalHeader();
        connect(header, &QHeaderView::sectionResized, this, [this] {
            if (!m_applying)
                m_bases.clear(); // the user's widths are the new proportions
        });
        connect(header, &QHeaderView::sectionCountChanged, this, [this] { m_bases.clear(); });
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize)
            spread();
        return QObject::eventFilter(watched, event);
    }

private:
    void spread()
    {
        QHeaderView *header = m_view->horizontalHeader();
        const int count = header->count();
        if (count == 0 || header->stretchLastSection())
            return; // a table that asked for Qt's stretch keeps it
        for (int i = 0; i < count; ++i) {
            if (header->sectionResizeMode(i) == QHeaderView::Stretch)
                return; // that table gives the spare width to a column of its own choice
        }
        if (m_bases.size() != count) {
            m_bases.clear();
            for (int i = 0; i < count; ++i)
                m_bases << header->sectionSize(i);
        }
        int total = 0;
        for (int i = 0; i < count; ++i)
            total += header->isSectionHidden(i) ? 0 : m_bases.at(i);
        const int available = m_view->viewport()->width();
        if (total <= 0)
            return;
        m_applying = true;
        int used = 0;
        int last = -1;
        for (int i = 0; i < count; ++i) {
            if (header->isSectionHidden(i))
                continue;
            const int width =
                available > total ? int(qint64(m_bases.at(i)) * available / total) : m_bases.at(i);
            header->resizeSection(i, width);
            used += width;
            last = i;
        }
        if (available > total && last >= 0) // rounding: the last one fills up exactly
            header->resizeSection(last, header->sectionSize(last) + available - used);
        m_applying = false;
    }

    QTableView *m_view;
    QList<int> m_bases;
    bool m_applying = false;
};

} // namespace

QTableView *sortedTable(QAbstractItemModel *model, const QString &objectName, int sortColumn,
                        QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    auto *proxy = new QSortFilterProxyModel(view);
    proxy->setSourceModel(model);
    proxy->setSortRole(ValueRole);
    view->setModel(proxy);
    setUpTable(view);
    view->sortByColumn(sortColumn, Qt::AscendingOrder);
    return view;
}

void setUpTable(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setSortingEnabled(true);
    view->setShowGrid(false);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    // Tab moves on to the buttons after the table (arrow keys move within it); QTableView's
    // default moved cell to cell and trapped keyboard users in the table.
    view->setTabKeyNavigation(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(false);
    new ColumnSpreader(view);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view->horizontalHeader()->setDefaultSectionSize(160);
    view->horizontalHeader()->setHighlightSections(false);
}

void setUpCheckTable(QTableView *view)
{
    setUpTable(view);
    QHeaderView *header = view->horizontalHeader();
    header->setStretchLastSection(false);
    header->resizeSection(CheckListModel::Name, 180);
    header->resizeSection(CheckListModel::Status, 100);
    header->resizeSection(CheckListModel::CheckId, 160);
    header->resizeSection(CheckListModel::ServiceName, 120);
    header->resizeSection(CheckListModel::Notes, 120);
    header->setSectionResizeMode(CheckListModel::Output, QHeaderView::Stretch);
}

void selectWorstCheck(QTableView *view)
{
    const QAbstractItemModel *model = view->model();
    if (view->currentIndex().isValid() || model->rowCount() == 0)
        return;
    const auto rank = [](const QString &status) {
        return status == QLatin1String("critical") ? 2 : status == QLatin1String("warning") ? 1 : 0;
    };
    int worst = 0;
    for (int row = 1; row < model->rowCount(); ++row) {
        const auto statusAt = [&](int r) {
            return model->index(r, CheckListModel::Status).data(ValueRole).toString();
        };
        if (rank(statusAt(row)) > rank(statusAt(worst)))
            worst = row;
    }
    view->setCurrentIndex(model->index(worst, 0));
}

void fitHeightToRows(QTableView *view, int maxRows)
{
    const auto fit = [view, maxRows] {
        const int rows = std::clamp(view->model() ? view->model()->rowCount() : 0, 1, maxRows);
        const auto heightFor = [view](int rowCount) {
            return 2 * view->frameWidth() + view->horizontalHeader()->sizeHint().height() +
                   rowCount * view->verticalHeader()->defaultSectionSize() +
                   // room for a horizontal scroll bar, so that it never hides the last row
                   view->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, view);
        };
        // A small screen may squeeze a long table to three rows (it scrolls then).
        view->setMinimumHeight(heightFor(std::min(rows, 3)));
        view->setMaximumHeight(heightFor(rows));
    };
    fit();
    QAbstractItemModel *model = view->model();
    if (!model)
        return;
    QObject::connect(model, &QAbstractItemModel::rowsInserted, view, fit);
    QObject::connect(model, &QAbstractItemModel::rowsRemoved, view, fit);
    QObject::connect(model, &QAbstractItemModel::modelReset, view, fit);
    QObject::connect(model, &QAbstractItemModel::layoutChanged, view, fit);
}

} // namespace qonsul::ui
