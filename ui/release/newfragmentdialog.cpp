#include "ui/release/newfragmentdialog.h"

#include "core/base/paths.h"
#include "core/release/fragments.h"
#include "ui/uitr.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace trellis::ui {

NewFragmentDialog::NewFragmentDialog(const QString &buildRoot, const release::TowncrierConfig &config, QWidget *parent)
    : QDialog(parent)
    , m_buildRoot(buildRoot)
    , m_config(config)
    , m_issue(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_text(new QPlainTextEdit(this))
    , m_fileLabel(new QLabel(this))
    , m_problemLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(Tr::tr("New News Fragment"));
    m_issue->setPlaceholderText(Tr::tr("Issue number, e.g. 123"));
    for (const release::FragmentType &t : m_config.types)
        m_type->addItem(QStringLiteral("%1 (%2)").arg(QString::fromStdString(t.name), QString::fromStdString(t.directory)),
                        QString::fromStdString(t.directory));
    m_text->setPlaceholderText(Tr::tr("What changed, written for the users of the release."));
    m_fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_problemLabel->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(Tr::tr("Create"));

    auto *form = new QFormLayout;
    form->addRow(Tr::tr("&Issue:"), m_issue);
    form->addRow(Tr::tr("&Type:"), m_type);
    form->addRow(Tr::tr("Te&xt:"), m_text);
    form->addRow(Tr::tr("File:"), m_fileLabel);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problemLabel);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewFragmentDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewFragmentDialog::reject);
    connect(m_issue, &QLineEdit::textChanged, this, &NewFragmentDialog::onChanged);
    connect(m_type, &QComboBox::currentIndexChanged, this, &NewFragmentDialog::onChanged);
    connect(m_text, &QPlainTextEdit::textChanged, this, &NewFragmentDialog::onChanged);
    resize(520, 360);
    onChanged();
}

QString NewFragmentDialog::fileName() const
{
    const QString extension = m_config.isMarkdown() ? QStringLiteral("md") : QStringLiteral("rst");
    return QStringLiteral("%1.%2.%3").arg(m_issue->text().trimmed(), m_type->currentData().toString(), extension);
}

QString NewFragmentDialog::fragmentPath() const
{
    if (!problem().isEmpty())
        return {};
    return QString::fromStdString(m_config.newsDirectory()) + QLatin1Char('/') + fileName();
}

QString NewFragmentDialog::problem() const
{
    const QString issue = m_issue->text().trimmed();
    if (issue.isEmpty())
        return Tr::tr("Enter the issue number.");
    if (m_type->currentIndex() < 0)
        return Tr::tr("The towncrier configuration has no fragment types.");
    if (issue.contains(QLatin1Char('/')) || issue.contains(QLatin1Char('\\')) || issue.startsWith(QLatin1Char('.')))
        return Tr::tr("The issue cannot contain path separators or start with a dot.");
    std::vector<std::string> typeNames;
    for (const release::FragmentType &t : m_config.types)
        typeNames.push_back(t.directory);
    const auto name = release::parseFragmentName(fileName().toStdString(), typeNames, m_config.orphanPrefix);
    if (!name || name->type != m_type->currentData().toString().toStdString() || name->counter != 0)
        return Tr::tr("towncrier would not read %1 as a fragment of this issue and type.").arg(fileName());
    if (m_text->toPlainText().trimmed().isEmpty())
        return Tr::tr("Enter the text of the entry.");
    const QString path = QDir(m_buildRoot).filePath(QString::fromStdString(m_config.newsDirectory()) + QLatin1Char('/') + fileName());
    if (QFileInfo::exists(path))
        return Tr::tr("%1 already exists.").arg(fileName());
    return {};
}

void NewFragmentDialog::onChanged()
{
    m_fileLabel->setText(QString::fromStdString(m_config.newsDirectory()) + QLatin1Char('/') + fileName());
    const QString why = problem();
    m_problemLabel->setText(why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

void NewFragmentDialog::accept()
{
    const QString rel = fragmentPath();
    if (rel.isEmpty())
        return;
    const QString path = QDir(m_buildRoot).filePath(rel);
    QDir().mkpath(QFileInfo(path).absolutePath());
    const base::Status written = base::writeFileAtomic(path.toStdString(), m_text->toPlainText().trimmed().toStdString() + "\n");
    if (!written) {
        m_problemLabel->setText(Tr::tr("Cannot write %1: %2").arg(rel, QString::fromStdString(written.diagnostics().front().message)));
        return;
    }
    QDialog::accept();
}

} // namespace trellis::ui
