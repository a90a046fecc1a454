#include "common/ListDetailPage.h"

#include "common/EmptyState.h"
#include "common/ErrorBanner.h"
#include "common/KeyedTableModel.h"
#include "common/ListFilterProxy.h"
#include "common/PageHeader.h"
#include "common/TableViews.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QStringListModel>
#include <QTableView>
#include <QVBoxLayout>

namespace qonsul::ui {

ListDetailPage::ListDetailPage(const QString &title, const QString &objectPrefix,
                               const QString &route, QWidget *parent)
    : QWidget(parent), m_proxy(new ListFilterProxy(this)), m_pages(new QStackedWidget(this)),
      m_listPage(new QWidget(this)), m_listStack(new QStackedWidget(this)),
      m_view(new QTableView(this)), m_empty(new EmptyState(this)), m_error(new ErrorBanner(this)),
      m_header(new PageHeader(title, this)), m_filter(new QLineEdit(this)),
      m_health(new QComboBox(this)), m_filterProblem(new QLabel(this)),
      m_completer(new QCompleter(this)), m_completions(new QStringListModel(this)), m_route(route)
{
    m_view->setObjectName(objectPrefix + QStringLiteral("Table"));
    m_view->setModel(m_proxy);
    setUpTable(m_view);
    m_empty->setObjectName(objectPrefix + QStringLiteral("EmptyState"));
    m_empty->setTitle(tr("Loading…"));

    m_filter->setObjectName(objectPrefix + QStringLiteral("Filter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setToolTip(
        tr("<p>Words are matched against the name and address; all must match.</p>"
           "<p><code>tag:rails</code> keeps what has that tag, "
           "<code>meta:version=2</code> what has that metadata value (<code>meta:version</code> "
           "just the key), <code>status:critical</code> what has a critical check.</p>"
           "<p>Start typing <code>tag:</code> or <code>meta:</code> to pick from what is "
           "there.</p>"));
    m_health->setObjectName(objectPrefix + QStringLiteral("HealthFilter"));
    // In ListFilter::Health's order.
    m_health->addItems({tr("All (any status)"), tr("Critical checks"), tr("Warning checks"),
                        tr("Passing checks")});
    m_health->setToolTip(tr("Show only what has a check in this state"));
    m_filterProblem->setObjectName(objectPrefix + QStringLiteral("FilterProblem"));
    m_filterProblem->setWordWrap(true);
    m_filterProblem->hide();

    m_completer->setModel(m_completions);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    // Completes the word being typed, not the whole phrase, so not set on the line edit.
    m_completer->setWidget(m_filter);

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_health);

    m_listStack->addWidget(m_empty);
    m_listStack->addWidget(m_view);
    auto *listLayout = new QVBoxLayout(m_listPage);
    listLayout->addWidget(m_header);
    listLayout->addLayout(filterRow);
    listLayout->addWidget(m_filterProblem);
    listLayout->addWidget(m_error);
    listLayout->addWidget(m_listStack, 1);
    m_pages->addWidget(m_listPage);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    connect(m_filter, &QLineEdit::textChanged, this, &ListDetailPage::applyFilter);
    connect(m_filter, &QLineEdit::textEdited, this, &ListDetailPage::offerCompletions);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &ListDetailPage::completeLastWord);
    connect(m_health, &QComboBox::currentIndexChanged, this, &ListDetailPage::applyFilter);
    // The table or the empty state: after the proxy's rows change (a source change or the
    // filter) and after the model's (the total in the header).
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &ListDetailPage::updateListStack);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ListDetailPage::updateListStack);
    // Before the first answer the empty state says "Loading…", unless the banner says the
    // answer failed: both at once would contradict each other.
    connect(m_error, &ErrorBanner::shownChanged, this, [this](bool shown) {
        if (m_loaded)
            return;
        m_empty->setTitle(shown ? tr("Nothing to show yet") : tr("Loading…"));
        m_empty->setHint(shown ? tr("The agent did not answer (see above). This page asks "
                                    "again by itself.")
                               : QString());
    });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT rowActivated(index.data(KeyRole).toString());
    });
}

void ListDetailPage::setContent(QAbstractItemModel *model, QWidget *detail)
{
    m_model = model;
    m_detail = detail;
    m_proxy->setSourceModel(model);
    m_pages->addWidget(detail);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &ListDetailPage::updateListStack);
    connect(model, &QAbstractItemModel::modelReset, this, &ListDetailPage::updateListStack);
}

void ListDetailPage::setEmptyText(const QString &title, const QString &hint)
{
    m_emptyTitle = title;
    m_emptyHint = hint;
    updateListStack();
}

void ListDetailPage::markLoaded()
{
    m_loaded = true;
    updateListStack();
}

bool ListDetailPage::isShowingDetail() const
{
    return m_pages->currentWidget() == m_detail;
}

void ListDetailPage::addAboveList(QWidget *widget)
{
    auto *layout = qobject_cast<QVBoxLayout *>(m_listPage->layout());
    layout->insertWidget(layout->indexOf(m_listStack), widget);
}

void ListDetailPage::showDetail()
{
    m_pages->setCurrentWidget(m_detail);
}

void ListDetailPage::showList()
{
    m_pages->setCurrentWidget(m_listPage);
    Q_EMIT routeChanged(m_route);
}

void ListDetailPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    visibilityChanged(true);
}

void ListDetailPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    visibilityChanged(false);
}

void ListDetailPage::focusFilter()
{
    showList();
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void ListDetailPage::applyFilter()
{
    ListFilter filter = ListFilter::parse(m_filter->text());
    filter.setHealth(ListFilter::Health(m_health->currentIndex()));
    m_filterProblem->setText(filter.problem());
    m_filterProblem->setVisible(!filter.problem().isEmpty());
    m_proxy->setFilter(filter);
    updateListStack();
}

void ListDetailPage::updateListStack()
{
    if (!m_model || !m_loaded)
        return;
    const int total = m_model->rowCount();
    m_header->setCount(total);
    if (m_proxy->rowCount() > 0) {
        m_listStack->setCurrentWidget(m_view);
        return;
    }
    if (total == 0) {
        m_empty->setTitle(m_emptyTitle);
        m_empty->setHint(m_emptyHint);
    } else {
        m_empty->setTitle(tr("Nothing matches this search."));
        m_empty->setHint(tr("%n of them hidden by the search or the status choice. Clear the "
                            "search field or choose <i>All (any status)</i>.",
                            nullptr, total));
    }
    m_listStack->setCurrentWidget(m_empty);
}

void ListDetailPage::offerCompletions()
{
    const QString text = m_filter->text();
    const QString lastWord = text.mid(text.lastIndexOf(QLatin1Char(' ')) + 1);
    if (lastWord.isEmpty() || !m_model) {
        m_completer->popup()->hide();
        return;
    }
    QList<FilterSubject> subjects;
    for (int row = 0; row < m_model->rowCount(); ++row)
        subjects.append(m_model->index(row, 0).data(FilterRole).value<FilterSubject>());
    QStringList words = ListFilter::suggestions(subjects);
    words << QStringLiteral("status:critical") << QStringLiteral("status:warning")
          << QStringLiteral("status:passing");
    m_completions->setStringList(words);
    m_completer->setCompletionPrefix(lastWord);
    if (m_completer->completionCount() == 0 ||
        (m_completer->completionCount() == 1 && m_completer->currentCompletion() == lastWord)) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->complete();
}

void ListDetailPage::completeLastWord(const QString &completion)
{
    QString text = m_filter->text();
    text.truncate(text.lastIndexOf(QLatin1Char(' ')) + 1);
    m_filter->setText(text + completion + QLatin1Char(' '));
}

} // namespace qonsul::ui
