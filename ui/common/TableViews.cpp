#include "common/TableViews.h"

#include "common/CheckListModel.h"

#include <QHeaderView>
#include <QStyle>
#include <QTableView>
#include <algorithm>

namespace qonsul::ui {

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
    view->horizontalHeader()->setStretchLastSection(true);
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
