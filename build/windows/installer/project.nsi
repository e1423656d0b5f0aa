Unicode true
# A 64-bit installer for the 64-bit app (it also runs under a 64-bit-only wine, as make test does).
Target amd64-unicode
# One LZMA stream over all the files (solid), with a dictionary larger than the program: the program
# and xiangzhi-cli.exe share most of their bytes (the Go runtime, SQLite, the embedded fonts, which are
# already compressed), so the second copy costs little.
SetCompressor /SOLID /FINAL lzma
SetCompressorDictSize 64

####
## 乡治通's installer, built by `make windows` (wails build -nsis runs makensis here with
## -DARG_WAILS_AMD64_BINARY=..\..\bin\xiangzhi.exe; make builds ..\..\bin\xiangzhi-cli.exe first).
##
## It installs for the current user only, without administrator rights:
##   - the program and xiangzhi-cli.exe go to %LOCALAPPDATA%\Programs\乡治通 (or the folder chosen);
##   - the uninstall entry is written under HKCU;
##   - WebView2 is bootstrapped per user when neither the machine nor the user has it;
##   - the uninstaller keeps the officer's data (%LOCALAPPDATA%\Xiangzhi: database and backups) unless
##     the box 删除我的数据 is ticked, or /DELETEDATA is given to a silent uninstall (uninstall.exe /S /DELETEDATA).
##
## wails_tools.nsh is written again by every `wails build -nsis` (Wails 2.9 overwrites it from its own
## template), so nothing is changed there: its uninstaller macros write HKLM, so the install and
## uninstall steps that need HKCU are this file's own (xiangzhi.* macros below); from wails_tools.nsh
## only the architecture check and the files macro are used.
####
!define REQUEST_EXECUTION_LEVEL "user"
!define UNINST_KEY_NAME "Xiangzhi"
!define DATA_FOLDER "Xiangzhi" # app/datadir.go: %LOCALAPPDATA%\Xiangzhi
!define CLI_EXECUTABLE "xiangzhi-cli.exe"
!define CLI_BINARY "..\..\bin\xiangzhi-cli.exe"
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

!define WAILS_WIN10_REQUIRED "乡治通需要 Windows 10 或更新的版本。"
!define WAILS_ARCHITECTURE_NOT_SUPPORTED "乡治通只能安装在 64 位（x64）的 Windows 上。"
# Microsoft's WebView2 bootstrapper, fetched when needed rather than carried (1.8 MB of the installer):
# it downloads the runtime itself, so it needs the network either way. For an office without it,
# Microsoft's standalone runtime installer placed beside this installer is used instead
# (https://learn.microsoft.com/microsoft-edge/webview2/concepts/distribution).
!define WEBVIEW2_BOOTSTRAPPER_URL "https://go.microsoft.com/fwlink/p/?LinkId=2124703"
!define WEBVIEW2_OFFLINE "MicrosoftEdgeWebView2RuntimeInstallerX64.exe"

!include "wails_tools.nsh"
!include "LogicLib.nsh"
!include "Sections.nsh"

!if /FileExists "${CLI_BINARY}"
!else
    !error "${CLI_BINARY} is missing: build it first (make windows does)"
!endif

# The version information for this two must consist of 4 parts
VIProductVersion "${INFO_PRODUCTVERSION}.0"
VIFileVersion    "${INFO_PRODUCTVERSION}.0"

VIAddVersionKey "CompanyName"     "${INFO_COMPANYNAME}"
VIAddVersionKey "FileDescription" "${INFO_PRODUCTNAME} 安装程序"
VIAddVersionKey "ProductVersion"  "${INFO_PRODUCTVERSION}"
VIAddVersionKey "FileVersion"     "${INFO_PRODUCTVERSION}"
VIAddVersionKey "LegalCopyright"  "${INFO_COPYRIGHT}"
VIAddVersionKey "ProductName"     "${INFO_PRODUCTNAME}"

# Enable HiDPI support. https://nsis.sourceforge.io/Reference/ManifestDPIAware
ManifestDPIAware true

!include "MUI.nsh"

!define MUI_ICON "..\icon.ico"
!define MUI_UNICON "..\icon.ico"
!define MUI_FINISHPAGE_NOAUTOCLOSE # Wait on the INSTFILES page so the user can take a look into the details of the installation steps
!define MUI_ABORTWARNING # This will warn the user if they exit from the installer.

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!define MUI_COMPONENTSPAGE_TEXT_TOP "程序文件将被删除。您的数据（数据库和备份，在 $LOCALAPPDATA\${DATA_FOLDER}）默认保留，重新安装后可以继续使用；只有勾选“删除我的数据”才会一并删除，删除后无法恢复。"
!define MUI_COMPONENTSPAGE_TEXT_COMPLIST "选择要删除的内容："
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese" # Officers read the installer in Simplified Chinese

## The following two statements can be used to sign the installer and the uninstaller. The path to the binaries are provided in %1
#!uninstfinalize 'signtool --file "%1"'
#!finalize 'signtool --file "%1"'

Name "${INFO_PRODUCTNAME}"
OutFile "..\..\bin\${INFO_PROJECTNAME}-${ARCH}-installer.exe" # Name of the installer's file.
InstallDir "$LOCALAPPDATA\Programs\${INFO_PRODUCTNAME}" # Per user; the data stays in %LOCALAPPDATA%\Xiangzhi.
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
ShowInstDetails show
ShowUninstDetails show

# WebView2 is there when its "pv" value is set (and not 0.0.0.0) machine-wide or for this user
# (https://learn.microsoft.com/microsoft-edge/webview2/concepts/distribution#detect-if-a-webview2-runtime-is-already-installed).
# Wails' macro looks for the per-user value under a wrong key (no "\" before the GUID), so it is
# asked only when neither is found here.
!macro xiangzhi.webview2Version VAR
    SetRegView 64
    ReadRegStr ${VAR} HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
    ${If} ${VAR} == ""
    ${OrIf} ${VAR} == "0.0.0.0"
        ReadRegStr ${VAR} HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
    ${EndIf}
    ${If} ${VAR} == "0.0.0.0"
        StrCpy ${VAR} ""
    ${EndIf}
!macroend

!macro xiangzhi.webview2
    !insertmacro xiangzhi.webview2Version $0
    ${If} $0 == ""
        SetDetailsPrint both
        ${If} ${FileExists} "$EXEDIR\${WEBVIEW2_OFFLINE}"
            DetailPrint "正在安装 WebView2 运行时（安装程序旁的离线安装包）……"
            ExecWait '"$EXEDIR\${WEBVIEW2_OFFLINE}" /silent /install'
        ${Else}
            DetailPrint "正在下载 WebView2 运行时安装程序（需要联网）……"
            InitPluginsDir
            # urlmon uses the system's proxy settings, as the browser does
            System::Call 'urlmon::URLDownloadToFileW(p 0, w "${WEBVIEW2_BOOTSTRAPPER_URL}", w "$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe", i 0, p 0) i .r1'
            ${If} $1 == 0
                DetailPrint "正在安装 WebView2 运行时（需要联网）……"
                ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" /silent /install'
            ${Else}
                DetailPrint "无法下载 WebView2 运行时安装程序（错误 $1）。"
            ${EndIf}
        ${EndIf}
        SetOutPath $INSTDIR
        !insertmacro xiangzhi.webview2Version $0
        ${If} $0 == ""
            DetailPrint "WebView2 运行时没有装上（可能没有联网）。"
            MessageBox MB_OK|MB_ICONEXCLAMATION "WebView2 运行时没有装上（可能没有联网）。乡治通的窗口需要它：请联网后再运行一次本安装程序；没有网络时，可把微软的 WebView2 离线安装包 ${WEBVIEW2_OFFLINE} 放在本安装程序旁边再运行。" /SD IDOK
        ${EndIf}
    ${EndIf}
!macroend

# The uninstall entry, per user (Apps & features lists HKCU entries too).
!macro xiangzhi.writeUninstaller
    WriteUninstaller "$INSTDIR\uninstall.exe"

    SetRegView 64
    WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${INFO_COMPANYNAME}"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${INFO_PRODUCTNAME}"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${INFO_PRODUCTVERSION}"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_EXECUTABLE}"
    WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
    WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
    WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
    WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1

    ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
    IntFmt $0 "0x%08X" $0
    WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
!macroend

Function .onInit
    !insertmacro wails.checkArchitecture
    SetShellVarContext current
FunctionEnd

Section
    SetShellVarContext current

    !insertmacro xiangzhi.webview2

    SetOutPath $INSTDIR

    !insertmacro wails.files
    File "/oname=${CLI_EXECUTABLE}" "${CLI_BINARY}"

    CreateShortcut "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"
    CreateShortCut "$DESKTOP\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"

    !insertmacro wails.associateFiles
    !insertmacro wails.associateCustomProtocols

    !insertmacro xiangzhi.writeUninstaller
SectionEnd

# The program: always removed. Only the files the installer put there are deleted, and the folder only
# when that leaves it empty, so an install into a folder that holds other files leaves those alone.
Section "un.程序文件" SEC_UN_PROGRAM
    SectionIn RO
    SetShellVarContext current

    RMDir /r "$AppData\${PRODUCT_EXECUTABLE}" # The WebView2 data folder Wails uses (cache, not the officer's data)

    Delete "$INSTDIR\${PRODUCT_EXECUTABLE}"
    Delete "$INSTDIR\${CLI_EXECUTABLE}"
    Delete "$INSTDIR\uninstall.exe"
    RMDir "$INSTDIR"

    Delete "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk"
    Delete "$DESKTOP\${INFO_PRODUCTNAME}.lnk"

    !insertmacro wails.unassociateFiles
    !insertmacro wails.unassociateCustomProtocols

    SetRegView 64
    DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd

# The officer's data: kept unless ticked (or /DELETEDATA in a silent uninstall).
Section /o "un.删除我的数据" SEC_UN_DATA
    SetShellVarContext current
    DetailPrint "删除数据文件夹 $LOCALAPPDATA\${DATA_FOLDER}"
    RMDir /r "$LOCALAPPDATA\${DATA_FOLDER}"
SectionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
    !insertmacro MUI_DESCRIPTION_TEXT ${SEC_UN_PROGRAM} "删除乡治通程序、命令行工具、开始菜单和桌面快捷方式。"
    !insertmacro MUI_DESCRIPTION_TEXT ${SEC_UN_DATA} "同时删除 $LOCALAPPDATA\${DATA_FOLDER} 中的数据库和全部备份。删除后无法恢复，请先把需要的数据备份到别处。"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END

Function un.onInit
    SetShellVarContext current
    ${GetParameters} $R0
    ClearErrors
    ${GetOptions} $R0 "/DELETEDATA" $R1
    ${IfNot} ${Errors}
        !insertmacro SelectSection ${SEC_UN_DATA}
    ${EndIf}
FunctionEnd
