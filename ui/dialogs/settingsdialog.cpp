#include "ui/dialogs/settingsdialog.h"

#include "ui/appsettings.h"
#include "ui/translations.h"
#include "ui/uitr.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QThread>
#include <QVBoxLayout>

namespace trellis::ui {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_language(new QComboBox(this))
    , m_theme(new QComboBox(this))
    , m_editor(new QLineEdit(this))
    , m_jobs(new QSpinBox(this))
    , m_cacheDir(new QLineEdit(this))
    , m_cacheLimit(new QSpinBox(this))
    , m_python(new QLineEdit(this))
    , m_pythonEnv(new QComboBox(this))
    , m_sandbox(new QCheckBox(Tr::tr("Run each test in a sand&box of its inputs"), this))
    , m_restartNote(new QLabel(this))
{
    setWindowTitle(Tr::tr("Settings"));
    AppSettings settings;

    m_language->addItem(Tr::tr("System language"), QString());
    for (const QString &code : Translations::availableLanguages())
        m_language->addItem(Translations::nativeName(code), code);
    m_language->setCurrentIndex(qMax(0, m_language->findData(settings.language())));
    m_language->setToolTip(Tr::tr("Language of the user interface; takes effect after a restart"));

    m_theme->addItem(Tr::tr("Follow system"), int(ThemeMode::System));
    m_theme->addItem(Tr::tr("Light"), int(ThemeMode::Light));
    m_theme->addItem(Tr::tr("Dark"), int(ThemeMode::Dark));
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(int(settings.theme()))));
    m_theme->setToolTip(Tr::tr("Colour theme of the source viewer"));

    m_editor->setText(settings.editorCommand());
    m_editor->setPlaceholderText(QStringLiteral("code -g {file}:{line}"));
    m_editor->setToolTip(Tr::tr("Command that opens a file in your editor. {file} and {line} are replaced; "
                                "leave empty to use the system's default application."));

    m_jobs->setRange(0, 256);
    m_jobs->setSpecialValueText(Tr::tr("Automatic (%1)").arg(QThread::idealThreadCount()));
    m_jobs->setValue(settings.jobs());
    m_jobs->setToolTip(Tr::tr("Threads used to load BUILD files and scan imports"));

    m_cacheDir->setText(settings.cacheDir());
    m_cacheDir->setPlaceholderText(AppSettings().effectiveCacheDir());
    m_cacheDir->setToolTip(Tr::tr("Where Trellis keeps its caches; leave empty for the default location"));
    auto *browseCache = new QPushButton(Tr::tr("Browse…"), this);
    auto *clearCache = new QPushButton(Tr::tr("Clear Cache"), this);
    clearCache->setToolTip(Tr::tr("Delete everything in the cache directory"));
    connect(browseCache, &QPushButton::clicked, this, &SettingsDialog::onBrowseCache);
    connect(clearCache, &QPushButton::clicked, this, &SettingsDialog::onClearCache);
    auto *cacheRow = new QHBoxLayout;
    cacheRow->addWidget(m_cacheDir, 1);
    cacheRow->addWidget(browseCache);
    cacheRow->addWidget(clearCache);

    m_cacheLimit->setRange(0, 1024 * 1024);
    m_cacheLimit->setSingleStep(256);
    m_cacheLimit->setSuffix(Tr::tr(" MiB"));
    m_cacheLimit->setSpecialValueText(Tr::tr("Unlimited"));
    m_cacheLimit->setValue(settings.cacheSizeLimitMiB());
    m_cacheLimit->setToolTip(Tr::tr("Largest size the cache may grow to before old entries are evicted"));

    m_python->setText(settings.pythonInterpreter());
    m_python->setPlaceholderText(QStandardPaths::findExecutable(QStringLiteral("python3")));
    m_python->setToolTip(Tr::tr("Python interpreter used to run tools; leave empty for python3 on PATH"));
    auto *browsePython = new QPushButton(Tr::tr("Browse…"), this);
    connect(browsePython, &QPushButton::clicked, this, &SettingsDialog::onBrowsePython);
    auto *pythonRow = new QHBoxLayout;
    pythonRow->addWidget(m_python, 1);
    pythonRow->addWidget(browsePython);

    m_pythonEnv->addItem(Tr::tr("Automatic (the lockfile environment when built)"), QStringLiteral("auto"));
    m_pythonEnv->addItem(Tr::tr("Lockfile environment (build when needed)"), QStringLiteral("lockfile"));
    m_pythonEnv->addItem(Tr::tr("Search for an interpreter"), QStringLiteral("search"));
    m_pythonEnv->setCurrentIndex(qMax(0, m_pythonEnv->findData(settings.pythonEnvMode())));
    m_pythonEnv->setToolTip(Tr::tr("Where tests and type checks get their Python for a resolve with a lockfile "
                                   "(trellis test --python-env)"));
    m_sandbox->setChecked(settings.testSandbox());
    m_sandbox->setToolTip(Tr::tr("Like Pants, each test process runs in a temporary directory holding only its "
                                 "inputs. Unchecked, tests run in place in the workspace and their results are "
                                 "not cached (trellis test --no-sandbox)."));

    // The language and the window colours are set when Trellis starts; say so, and say it
    // louder once one of them is changed.
    m_restartNote->setObjectName(QStringLiteral("restartNote"));
    m_restartNote->setWordWrap(true);
    m_restartNote->setForegroundRole(QPalette::PlaceholderText);
    m_restartNote->setText(Tr::tr("Language and theme changes take effect after Trellis is restarted "
                                  "(the source viewer follows the theme at once)."));
    const QString startLanguage = m_language->currentData().toString();
    const int startTheme = m_theme->currentData().toInt();
    auto updateNote = [this, startLanguage, startTheme] {
        const bool changed = m_language->currentData().toString() != startLanguage || m_theme->currentData().toInt() != startTheme;
        m_restartNote->setForegroundRole(changed ? QPalette::WindowText : QPalette::PlaceholderText);
        QFont font = m_restartNote->font();
        font.setBold(changed);
        m_restartNote->setFont(font);
        m_restartPending = changed;
    };
    connect(m_language, &QComboBox::currentIndexChanged, this, updateNote);
    connect(m_theme, &QComboBox::currentIndexChanged, this, updateNote);

    auto *appearance = new QGroupBox(Tr::tr("Appearance"), this);
    auto *appearanceForm = new QFormLayout(appearance);
    appearanceForm->addRow(Tr::tr("&Language:"), m_language);
    appearanceForm->addRow(Tr::tr("&Theme:"), m_theme);
    appearanceForm->addRow(m_restartNote);

    auto *tools = new QGroupBox(Tr::tr("Tools"), this);
    auto *toolsForm = new QFormLayout(tools);
    toolsForm->addRow(Tr::tr("External &editor:"), m_editor);
    // A row holding a layout gets no buddy from QFormLayout: without one the "&" would
    // show literally, so these labels name their field themselves.
    auto *pythonLabel = new QLabel(Tr::tr("&Python interpreter:"), this);
    pythonLabel->setBuddy(m_python);
    toolsForm->addRow(pythonLabel, pythonRow);

    auto *engine = new QGroupBox(Tr::tr("Engine"), this);
    auto *engineForm = new QFormLayout(engine);
    engineForm->addRow(Tr::tr("Parallel &jobs:"), m_jobs);
    auto *cacheLabel = new QLabel(Tr::tr("&Cache location:"), this);
    cacheLabel->setBuddy(m_cacheDir);
    engineForm->addRow(cacheLabel, cacheRow);
    engineForm->addRow(Tr::tr("Cache &size limit:"), m_cacheLimit);
    engineForm->addRow(Tr::tr("Python en&vironment:"), m_pythonEnv);
    engineForm->addRow(m_sandbox);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(this, &QDialog::accepted, this, &SettingsDialog::save);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(appearance);
    layout->addWidget(tools);
    layout->addWidget(engine);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(620, sizeHint().height());
}

void SettingsDialog::focusEditorCommand()
{
    m_editor->setFocus(Qt::OtherFocusReason);
    m_editor->selectAll();
}

void SettingsDialog::save()
{
    AppSettings settings;
    settings.setLanguage(m_language->currentData().toString());
    settings.setTheme(ThemeMode(m_theme->currentData().toInt()));
    settings.setEditorCommand(m_editor->text().trimmed());
    settings.setJobs(m_jobs->value());
    settings.setCacheDir(m_cacheDir->text().trimmed());
    settings.setCacheSizeLimitMiB(m_cacheLimit->value());
    settings.setPythonInterpreter(m_python->text().trimmed());
    settings.setPythonEnvMode(m_pythonEnv->currentData().toString());
    settings.setTestSandbox(m_sandbox->isChecked());
}

void SettingsDialog::onBrowseCache()
{
    const QString dir = QFileDialog::getExistingDirectory(this, Tr::tr("Cache Location"), AppSettings().effectiveCacheDir());
    if (!dir.isEmpty())
        m_cacheDir->setText(dir);
}

void SettingsDialog::onBrowsePython()
{
    const QString file = QFileDialog::getOpenFileName(this, Tr::tr("Python Interpreter"), QStringLiteral("/usr/bin"));
    if (!file.isEmpty())
        m_python->setText(file);
}

void SettingsDialog::onClearCache()
{
    const QString dir = m_cacheDir->text().trimmed().isEmpty() ? AppSettings().effectiveCacheDir() : m_cacheDir->text().trimmed();
    if (QMessageBox::question(this, Tr::tr("Clear Cache"), Tr::tr("Delete all cached data in %1?").arg(QDir::toNativeSeparators(dir)))
        != QMessageBox::Yes)
        return;
    QDir cache(dir);
    bool ok = true;
    for (const QFileInfo &entry : cache.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        ok = (entry.isDir() ? QDir(entry.absoluteFilePath()).removeRecursively() : QFile::remove(entry.absoluteFilePath())) && ok;
    }
    if (!ok)
        QMessageBox::warning(this, Tr::tr("Clear Cache"), Tr::tr("Some cache entries could not be deleted."));
}

} // namespace trellis::ui
