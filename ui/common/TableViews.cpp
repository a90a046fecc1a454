#include "common/TableViews.h"

#include "common/CheckListModel.h"

#include <QHeaderView>
#include <QTableView>

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

} // namespace qonsul::ui
