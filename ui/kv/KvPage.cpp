#include "kv/KvPage.h"

#include "api/ApiClient.h"
#include "api/BlockingWatch.h"
#include "api/JsonDecode.h"
#include "api/KvApi.h"
#include "common/Advice.h"
#include "common/EmptyState.h"
#include "common/ErrorBanner.h"
#include "common/PageHeader.h"
#include "common/TableViews.h"
#include "kv/KvBreadcrumbs.h"
#include "kv/KvEditor.h"
#include "kv/KvListModel.h"
#include "kv/KvOperations.h"
#include "kv/KvSearch.h"
#include "kv/KvSearchResultModel.h"
#include "kv/KvTreeModel.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace qonsul::ui {

namespace {

constexpr auto viewModeKey = "kv/view";

bool isFolder(const QString &key)
{
    return key.endsWith(QLatin1Char('/'));
}

QToolButton *modeButton(const QString &text, const QString &name, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setObjectName(name);
    button->setCheckable(true);
    button->setAutoRaise(false);
    return button;
}

} // namespace

KvPage::KvPage(const ApiConfig &config, QWidget *parent)
    : QWidget(parent), m_client(new ApiClient(config, this)), m_crumbs(new KvBreadcrumbs(this)),
      m_searchField(new QLineEdit(this)), m_searchDelay(new QTimer(this)),
      // The search has its own client: its large answers never queue behind the watches.
      m_search(new KvSearch(new ApiClient(config, this), this)),
      m_foldersMode(modeButton(tr("Folders"), QStringLiteral("kvFoldersMode"), this)),
      m_treeMode(modeButton(tr("Tree"), QStringLiteral("kvTreeMode"), this)),
      m_create(new QPushButton(tr("Create"), this)),
      m_deleteSelected(new QPushButton(tr("Delete"), this)), m_more(new QToolButton(this)),
      m_error(new ErrorBanner(this)), m_operationError(new ErrorBanner(this)),
      m_notice(new QLabel(this)), m_searchStatus(new QLabel(this)), m_model(new KvListModel(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_treeModel(new KvTreeModel(this)),
      m_results(new KvSearchResultModel(this)), m_listStack(new QStackedWidget(this)),
      m_view(new QTableView(this)), m_tree(new QTreeView(this)),
      m_resultsView(new QTableView(this)), m_empty(new EmptyState(this)),
      m_editorStack(new QStackedWidget(this)), m_editorHint(new EmptyState(this)),
      m_editor(new KvEditor(config, this)), m_operations(new KvOperations(m_client, this))
{
    setObjectName(QStringLiteral("kvPage"));
    m_create->setObjectName(QStringLiteral("kvCreate"));
    m_deleteSelected->setObjectName(QStringLiteral("kvDeleteSelected"));
    m_searchField->setObjectName(QStringLiteral("kvSearch"));
    m_searchField->setClearButtonEnabled(true);
    m_empty->setObjectName(QStringLiteral("kvEmptyState"));
    m_editorHint->setObjectName(QStringLiteral("kvEditorHint"));
    m_operationError->setObjectName(QStringLiteral("kvOperationError"));
    m_notice->setObjectName(QStringLiteral("kvNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->hide();
    m_searchStatus->setObjectName(QStringLiteral("kvSearchStatus"));
    m_searchStatus->setWordWrap(true);
    m_searchStatus->hide();
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250); // one search when the typing pauses, not one per key

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ValueRole);
    m_view->setObjectName(QStringLiteral("kvTable"));
    m_view->setModel(m_proxy);
    setUpTable(m_view);
    m_view->sortByColumn(KvListModel::Name, Qt::AscendingOrder);
    // The name takes the room the narrow list has; no sideways scrolling for one short key.
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(KvListModel::Name, QHeaderView::Stretch);
    m_view->horizontalHeader()->resizeSection(KvListModel::Kind, 80);

    m_tree->setObjectName(QStringLiteral("kvTree"));
    m_tree->setModel(m_treeModel);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true); // keeps a 50,000-key tree quick to lay out
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAlternatingRowColors(true);

    m_resultsView->setObjectName(QStringLiteral("kvSearchResults"));
    m_resultsView->setModel(m_results);
    setUpTable(m_resultsView);
    m_resultsView->setSortingEnabled(false);
    m_resultsView->horizontalHeader()->resizeSection(KvSearchResultModel::Key, 220);

    for (QAbstractItemView *view :
         {static_cast<QAbstractItemView *>(m_view), static_cast<QAbstractItemView *>(m_tree),
          static_cast<QAbstractItemView *>(m_resultsView)}) {
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this, [this, view](const QPoint &at) {
            const QModelIndex index = view->indexAt(at);
            if (!index.isValid())
                return;
            QMenu menu(this);
            fillActionsMenu(&menu, index.data(KeyRole).toString());
            menu.exec(view->viewport()->mapToGlobal(at));
        });
    }

    m_listStack->addWidget(m_empty);
    m_listStack->addWidget(m_view);
    m_listStack->addWidget(m_tree);
    m_listStack->addWidget(m_resultsView);
    m_empty->setTitle(tr("Loading keys…"));

    m_editorHint->setTitle(tr("Nothing selected"));
    m_editorHint->setHint(tr("Select a key to see its value, open a folder with a double "
                             "click, or press <b>Create</b>."));
    m_editorStack->addWidget(m_editorHint);
    m_editorStack->addWidget(m_editor);

    auto *modes = new QButtonGroup(this);
    modes->addButton(m_foldersMode);
    modes->addButton(m_treeMode);
    m_foldersMode->setToolTip(tr("The keys and folders in this folder"));
    m_treeMode->setToolTip(tr("Everything under this folder as a tree"));
    m_more->setObjectName(QStringLiteral("kvMore"));
    m_more->setText(tr("More"));
    m_more->setPopupMode(QToolButton::InstantPopup);
    auto *moreMenu = new QMenu(m_more);
    m_more->setMenu(moreMenu);
    connect(moreMenu, &QMenu::aboutToShow, this, [this, moreMenu] {
        moreMenu->clear();
        fillActionsMenu(moreMenu, selectedKey());
    });

    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_searchField, 1);
    auto *toolbar = new QHBoxLayout;
    toolbar->setSpacing(4);
    toolbar->addWidget(m_foldersMode);
    toolbar->addWidget(m_treeMode);
    toolbar->addStretch(1);
    toolbar->addWidget(m_create);
    toolbar->addWidget(m_deleteSelected);
    toolbar->addWidget(m_more);

    auto *listPane = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addLayout(searchRow);
    listLayout->addLayout(toolbar);
    listLayout->addWidget(m_listStack, 1);
    listLayout->addWidget(m_searchStatus);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(listPane);
    splitter->addWidget(m_editorStack);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(tr("Key / Value"), this));
    layout->addWidget(m_crumbs);
    layout->addWidget(m_error);
    layout->addWidget(m_operationError);
    layout->addWidget(m_notice);
    layout->addWidget(splitter, 1);

    connect(m_crumbs, &KvBreadcrumbs::folderChosen, this, &KvPage::openFolder);
    connect(m_foldersMode, &QToolButton::clicked, this, [this] { setViewMode(ViewMode::Folders); });
    connect(m_treeMode, &QToolButton::clicked, this, [this] { setViewMode(ViewMode::Tree); });
    connect(m_create, &QPushButton::clicked, this, &KvPage::createInCurrentFolder);
    connect(m_deleteSelected, &QPushButton::clicked, this, [this] {
        const QString key = selectedKey();
        if (!key.isEmpty())
            requestDelete(key);
    });
    connect(m_searchField, &QLineEdit::textChanged, this, &KvPage::search);
    connect(m_searchDelay, &QTimer::timeout, this,
            [this] { m_search->start(m_prefix, m_searchField->text()); });
    connect(m_search, &KvSearch::finished, this, &KvPage::onSearchFinished);
    connect(m_search, &KvSearch::failed, this, [this](const QString &error) {
        m_searchDone = true;
        updateListStack();
        m_error->showError(tr("Could not search %1: %2")
                               .arg(m_prefix.isEmpty() ? tr("the keys") : m_prefix, error),
                           retryAdvice());
    });

    connect(m_view, &QTableView::activated, this, &KvPage::activate);
    connect(m_view, &QTableView::clicked, this, [this](const QModelIndex &index) {
        const QString key = index.data(KeyRole).toString();
        if (!isFolder(key))
            openKey(key);
    });
    // In the tree a key opens in the editor; Enter (or a double click) on a folder opens or
    // closes it in place.
    auto openTreeKey = [this](const QModelIndex &index) {
        const QString key = index.data(KeyRole).toString();
        if (!isFolder(key))
            openKey(key);
    };
    connect(m_tree, &QTreeView::clicked, this, openTreeKey);
    m_tree->setExpandsOnDoubleClick(false); // activated does it, for Enter too
    connect(m_tree, &QTreeView::activated, this, [this, openTreeKey](const QModelIndex &index) {
        if (isFolder(index.data(KeyRole).toString()))
            m_tree->setExpanded(index, !m_tree->isExpanded(index));
        else
            openTreeKey(index);
    });
    // The value pane follows the selection, so arrow keys show each key as they pass it.
    for (QAbstractItemView *view :
         {static_cast<QAbstractItemView *>(m_view), static_cast<QAbstractItemView *>(m_tree)})
        connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
                [this](const QModelIndex &current) {
                    const QString key = current.data(KeyRole).toString();
                    if (current.isValid() && !key.isEmpty() && !isFolder(key) &&
                        !m_editor->isModified())
                        openKey(key);
                });
    auto openHit = [this](const QModelIndex &index) { openKey(index.data(KeyRole).toString()); };
    connect(m_resultsView, &QTableView::clicked, this, openHit);
    connect(m_resultsView, &QTableView::activated, this, openHit);

    connect(m_editor, &KvEditor::saved, this, [this] { m_error->clear(); });
    connect(m_editor, &KvEditor::deleteRequested, this, &KvPage::requestDelete);
    connect(m_editor, &KvEditor::copyRequested, m_operations, &KvOperations::requestCopy);
    connect(m_editor, &KvEditor::renameRequested, m_operations, &KvOperations::requestRename);
    connect(m_editor, &KvEditor::closed, this,
            [this] { m_editorStack->setCurrentWidget(m_editorHint); });
    connect(m_operations, &KvOperations::finished, this, &KvPage::showOperationResult);
    connect(m_operations, &KvOperations::renamed, this, &KvPage::onRenamed);
    // The list catches up in one answer after a bulk write instead of one per key written.
    connect(m_operations, &KvOperations::busyChanged, this, [this](bool busy) {
        if (!m_watch)
            return;
        if (busy)
            m_watch->stop();
        else
            m_watch->start();
    });

    const bool tree =
        QSettings().value(QLatin1String(viewModeKey)).toString() == QLatin1String("tree");
    m_viewMode = tree ? ViewMode::Tree : ViewMode::Folders;
    (tree ? m_treeMode : m_foldersMode)->setChecked(true);
    openFolder(QString());
}

void KvPage::openFolder(const QString &prefix)
{
    m_prefix = prefix;
    m_crumbs->setPrefix(prefix);
    m_searchField->setPlaceholderText(prefix.isEmpty()
                                          ? tr("Search all keys and values")
                                          : tr("Search keys and values under %1").arg(prefix));
    m_searchField->clear();
    m_loaded = false;
    m_model->setRows({});
    m_treeModel->setPrefix(prefix);
    m_editorStack->setCurrentWidget(m_editorHint);
    Q_EMIT routeChanged(prefix.isEmpty() ? QStringLiteral("kv") : QStringLiteral("kv/") + prefix);
    startWatch();
}

void KvPage::setViewMode(ViewMode mode)
{
    (mode == ViewMode::Tree ? m_treeMode : m_foldersMode)->setChecked(true);
    if (mode == m_viewMode)
        return;
    m_viewMode = mode;
    QSettings().setValue(QLatin1String(viewModeKey), mode == ViewMode::Tree
                                                         ? QStringLiteral("tree")
                                                         : QStringLiteral("folders"));
    m_loaded = false;
    startWatch();
}

void KvPage::startWatch()
{
    updateListStack();
    delete m_watch;
    // The list needs one level (?separator=/); the tree every key under the folder.
    const QString separator = m_viewMode == ViewMode::Tree ? QString() : QStringLiteral("/");
    m_watch = new BlockingWatch(m_client, KvApi::keys(m_prefix, separator).request, this);
    connect(m_watch, &BlockingWatch::changed, this,
            [this](quint64, const QJsonValue &value) { onKeys(value); });
    connect(m_watch, &BlockingWatch::failed, this, [this](const QString &error) {
        m_error->showError(
            tr("Could not list %1: %2").arg(m_prefix.isEmpty() ? tr("the keys") : m_prefix, error),
            retryAdvice());
    });
    m_watch->start();
}

void KvPage::onKeys(const QJsonValue &value)
{
    m_error->clear();
    m_loaded = true;
    const QStringList keys = json::toStringList(value);
    if (m_viewMode == ViewMode::Tree)
        m_treeModel->setKeys(keys);
    else
        m_model->setRows(KvListModel::entriesUnder(m_prefix, keys));
    updateListStack();
    if (m_editorStack->currentWidget() == m_editor)
        selectKey(m_editor->key());
}

void KvPage::search(const QString &text)
{
    if (m_searchField->text() != text) {
        m_searchField->setText(text); // comes back here through textChanged
        return;
    }
    m_search->cancel();
    m_searchDelay->stop();
    m_searchDone = false;
    m_results->setRows({});
    if (!text.isEmpty())
        m_searchDelay->start();
    updateListStack();
}

void KvPage::onSearchFinished(const KvSearchResult &result)
{
    m_searchDone = true;
    m_results->setRows(result.hits);
    const QString where = result.prefix.isEmpty() ? tr("the whole store") : result.prefix;
    const QString matches =
        result.matchCount == 1 ? tr("1 match") : tr("%1 matches").arg(result.matchCount);
    m_searchStatus->setText(
        result.matchCount > result.hits.size()
            ? tr("%1 among %2 keys in %3; showing the first %4. Type more to narrow it down.")
                  .arg(matches)
                  .arg(result.searchedCount)
                  .arg(where)
                  .arg(result.hits.size())
            : tr("%1 among %2 keys in %3.").arg(matches).arg(result.searchedCount).arg(where));
    updateListStack();
    Q_EMIT searchFinished(result.text);
}

void KvPage::updateListStack()
{
    const bool searching = !m_searchField->text().isEmpty();
    m_searchStatus->setVisible(searching && m_searchDone);
    if (searching) {
        if (m_results->rowCount() > 0) {
            m_listStack->setCurrentWidget(m_resultsView);
            return;
        }
        m_empty->setTitle(m_searchDone ? tr("No matches.") : tr("Searching…"));
        m_empty->setHint(
            m_searchDone ? tr("No key under %1 has “%2” in its path or value.")
                               .arg(m_prefix.isEmpty() ? tr("the root") : m_prefix.toHtmlEscaped(),
                                    m_searchField->text().toHtmlEscaped())
                         : QString());
        m_listStack->setCurrentWidget(m_empty);
        return;
    }
    const bool tree = m_viewMode == ViewMode::Tree;
    const bool any = tree ? m_treeModel->rowCount() > 0 : m_model->rowCount() > 0;
    if (any) {
        m_listStack->setCurrentWidget(tree ? static_cast<QWidget *>(m_tree) : m_view);
        return;
    }
    if (!m_loaded) {
        m_empty->setTitle(tr("Loading keys…"));
        m_empty->setHint(QString());
    } else if (m_prefix.isEmpty()) {
        m_empty->setTitle(tr("There are no keys yet."));
        m_empty->setHint(tr("Press <b>Create</b>, or from a terminal:<br><code>qonsul kv put "
                            "redis/config/minconns 1</code><br>Keys with slashes show up here "
                            "as folders."));
    } else {
        m_empty->setTitle(tr("This folder is empty."));
        m_empty->setHint(tr("Press <b>Create</b> to add a key to %1, or go back with the path "
                            "above.")
                             .arg(m_prefix.toHtmlEscaped()));
    }
    m_listStack->setCurrentWidget(m_empty);
}

void KvPage::activate(const QModelIndex &index)
{
    const QString key = index.data(KeyRole).toString();
    if (isFolder(key))
        openFolder(key);
    else
        openKey(key);
}

void KvPage::openKey(const QString &key)
{
    if (!(m_editor->key() == key && !m_editor->isCreating() &&
          m_editorStack->currentWidget() == m_editor))
        m_editor->open(key);
    m_editorStack->setCurrentWidget(m_editor);
    selectKey(key);
    Q_EMIT routeChanged(QStringLiteral("kv/") + key);
}

void KvPage::focusFilter()
{
    m_searchField->setFocus(Qt::ShortcutFocusReason);
    m_searchField->selectAll();
}

void KvPage::selectKey(const QString &key)
{
    if (m_viewMode == ViewMode::Tree) {
        const QModelIndex index = m_treeModel->indexOfKey(key);
        if (!index.isValid() || m_tree->currentIndex() == index)
            return;
        for (QModelIndex up = index.parent(); up.isValid(); up = up.parent())
            m_tree->expand(up);
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
        return;
    }
    const int row = m_model->rowOfKey(key);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (index.isValid() && m_view->currentIndex().row() != index.row())
        m_view->setCurrentIndex(index);
}

QString KvPage::selectedKey() const
{
    QAbstractItemView *view = nullptr;
    if (m_listStack->currentWidget() == m_resultsView)
        view = m_resultsView;
    else if (m_listStack->currentWidget() == m_tree)
        view = m_tree;
    else if (m_listStack->currentWidget() == m_view)
        view = m_view;
    const QModelIndex current = view ? view->currentIndex() : QModelIndex();
    return current.isValid() ? current.data(KeyRole).toString() : QString();
}

void KvPage::fillActionsMenu(QMenu *menu, const QString &key)
{
    if (!key.isEmpty()) {
        const QString name = KvListModel::displayName(key);
        if (isFolder(key)) {
            menu->addAction(tr("Open %1").arg(name), this, [this, key] { openFolder(key); });
        } else {
            menu->addAction(tr("Open %1").arg(name), this, [this, key] { openKey(key); });
        }
        menu->addAction(tr("Copy %1…").arg(name), m_operations,
                        [this, key] { m_operations->requestCopy(key); });
        menu->addAction(tr("Rename %1…").arg(name), m_operations,
                        [this, key] { m_operations->requestRename(key); });
        menu->addAction(tr("Delete %1…").arg(name), this, [this, key] { requestDelete(key); });
        if (isFolder(key))
            menu->addAction(tr("Export %1…").arg(name), m_operations,
                            [this, key] { m_operations->requestExport(key); });
        menu->addSeparator();
    }
    const QString here = m_prefix;
    menu->addAction(here.isEmpty() ? tr("Export all keys…") : tr("Export this folder…"),
                    m_operations, [this, here] { m_operations->requestExport(here); });
    if (!here.isEmpty())
        menu->addAction(tr("Export all keys…"), m_operations,
                        [this] { m_operations->requestExport(QString()); });
    menu->addAction(here.isEmpty() ? tr("Import…") : tr("Import into this folder…"), m_operations,
                    [this, here] { m_operations->requestImport(here); });
}

void KvPage::showOperationResult(const QString &message, bool ok)
{
    if (ok) {
        m_operationError->clear();
        m_notice->setText(message);
        m_notice->show();
        return;
    }
    m_notice->hide();
    m_operationError->showError(message, QString());
}

void KvPage::onRenamed(const QString &from, const QString &to)
{
    const QString shown = m_editor->key();
    if (m_editorStack->currentWidget() != m_editor || shown.isEmpty())
        return;
    if (shown == from)
        openKey(to);
    else if (isFolder(from) && shown.startsWith(from))
        openKey(to + shown.mid(from.size()));
}

void KvPage::createInCurrentFolder()
{
    m_editor->startCreating(m_prefix);
    m_editorStack->setCurrentWidget(m_editor);
}

void KvPage::requestDelete(const QString &key)
{
    const bool folder = isFolder(key);
    auto *box =
        new QMessageBox(QMessageBox::Warning, folder ? tr("Delete folder") : tr("Delete key"),
                        folder ? tr("Delete the folder %1 and every key under it?").arg(key)
                               : tr("Delete the key %1?").arg(key),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("kvDeleteConfirm"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, key, folder] {
        if (box->clickedButton() != box->button(QMessageBox::Yes))
            return;
        auto request = folder ? KvApi::removeTree(key) : KvApi::remove(key);
        m_client->start(request, this, [this, key](const Expected<bool> &done) {
            if (!done || !*done) {
                m_error->showError(tr("Could not delete %1: %2")
                                       .arg(key, done ? tr("the agent said no") : done.error()),
                                   retryAdvice());
                return;
            }
            if (m_editor->key() == key || (isFolder(key) && m_editor->key().startsWith(key)))
                m_editorStack->setCurrentWidget(m_editorHint);
            Q_EMIT deleted(key);
        });
    });
    box->open();
}

} // namespace qonsul::ui
