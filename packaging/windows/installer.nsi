; Dingbind's Windows installer, built by `make dist` with Debian's makensis (3.08):
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DSTAGE=<folder> -DTOOLS=<folder> \
;            -DICON=<icon.ico> -DOUTFILE=<setup.exe> packaging/windows/installer.nsi
; STAGE holds what is installed (dingbind-app.exe, dingbind.exe, any DLL the app needs);
; TOOLS holds userpath.exe (packaging/windows/userpath.c), which only the installer and the
; uninstaller run, from their temporary plug-in folder.
;
; Per user, no administrator rights: %LOCALAPPDATA%\Programs\Dingbind, shortcuts in the user's
; Start menu and (optionally) on the desktop, the uninstaller registered under
; HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Dingbind. Texts in Chinese or English,
; from the user's Windows UI language (any Chinese locale gets Chinese; any other, English).
; Optionally the folder goes on the user's PATH so `dingbind` works in cmd.exe and PowerShell.
;
; Silent use (IT deployment, and the wine test): setup.exe /S [/ADDTOPATH] [/NODESKTOP] [/D=folder]
; and uninstall.exe /S. The admin's bindings and secrets (%APPDATA%\com.dingbind.wizard and
; Windows Credential Manager) are the admin's: the uninstaller leaves them.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
ManifestDPIAware true

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include Sections.nsh
!include WinMessages.nsh

!ifndef VERSION | STAGE | TOOLS | ICON | OUTFILE
  !error "pass -DVERSION= -DSTAGE= -DTOOLS= -DICON= -DOUTFILE= (see the top of this file)"
!endif

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Dingbind"
!define APP_EXE "dingbind-app.exe"
!define CLI_EXE "dingbind.exe"
; Shortcut names, one per language; the uninstaller removes both (the user may have switched).
!define LNK_ZH "钉钉绑定向导"
!define LNK_EN "Dingbind"

Name "钉钉绑定向导 Dingbind"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Dingbind"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel user
ShowInstDetails show
ShowUninstDetails show
BrandingText "钉钉绑定向导 Dingbind ${VERSION}"

VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "Dingbind"
VIAddVersionKey /LANG=0 "FileDescription" "钉钉绑定向导 Dingbind Setup"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT License"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; English first: it is what a non-Chinese Windows falls back to.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"

LangString SecAppName ${LANG_ENGLISH} "Dingbind (required)"
LangString SecAppName ${LANG_SIMPCHINESE} "钉钉绑定向导（必需）"
LangString SecAppDesc ${LANG_ENGLISH} "The wizard, the command-line tool dingbind.exe beside it, and a Start menu shortcut."
LangString SecAppDesc ${LANG_SIMPCHINESE} "向导程序、同目录下的命令行工具 dingbind.exe，以及开始菜单快捷方式。"
LangString SecDesktopName ${LANG_ENGLISH} "Desktop shortcut"
LangString SecDesktopName ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SecDesktopDesc ${LANG_ENGLISH} "Puts a Dingbind shortcut on your desktop."
LangString SecDesktopDesc ${LANG_SIMPCHINESE} "在桌面上放一个钉钉绑定向导的快捷方式。"
LangString SecPathName ${LANG_ENGLISH} "Add dingbind to PATH"
LangString SecPathName ${LANG_SIMPCHINESE} "把 dingbind 加入 PATH"
LangString SecPathDesc ${LANG_ENGLISH} "Lets you type dingbind in a new cmd.exe or PowerShell window. Only your own PATH changes; uninstalling removes just this entry."
LangString SecPathDesc ${LANG_SIMPCHINESE} "之后新打开的 cmd.exe 或 PowerShell 窗口里可以直接输入 dingbind。只改您自己的 PATH；卸载时只删除这一项。"
LangString PathFailed ${LANG_ENGLISH} "Could not add the folder to your PATH (code $0); everything else is installed. You can still run $INSTDIR\${CLI_EXE} by its full path."
LangString PathFailed ${LANG_SIMPCHINESE} "未能把安装目录加入 PATH（代码 $0），其余部分已安装好。仍可用完整路径运行 $INSTDIR\${CLI_EXE}。"
LangString LnkName ${LANG_ENGLISH} "${LNK_EN}"
LangString LnkName ${LANG_SIMPCHINESE} "${LNK_ZH}"

Section "!$(SecAppName)" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${STAGE}\${APP_EXE}"
  File "${STAGE}\${CLI_EXE}"
  !if /FileExists "${STAGE}\WebView2Loader.dll"
    File "${STAGE}\WebView2Loader.dll"
  !endif
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\$(LnkName).lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "钉钉绑定向导 Dingbind"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Dingbind"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "$(SecDesktopName)" SecDesktop
  CreateShortCut "$DESKTOP\$(LnkName).lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

Section /o "$(SecPathName)" SecPath
  InitPluginsDir
  File "/oname=$PLUGINSDIR\userpath.exe" "${TOOLS}\userpath.exe"
  nsExec::ExecToLog '"$PLUGINSDIR\userpath.exe" add "$INSTDIR"'
  Pop $0
  ${If} $0 != 0
    DetailPrint "$(PathFailed)"
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(PathFailed)" /SD IDOK
  ${EndIf}
SectionEnd

; Last, so the size counts everything installed.
Section "-size"
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} "$(SecAppDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "$(SecDesktopDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecPath} "$(SecPathDesc)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; Any Chinese UI language (zh-CN, zh-TW, zh-HK, ...) gets the Chinese texts; NSIS itself only
; matches zh-CN exactly and would show the others English.
!macro PICK_LANGUAGE
  System::Call 'kernel32::GetUserDefaultUILanguage() i .r0'
  IntOp $0 $0 & 0x3FF
  ${If} $0 = 0x04
    StrCpy $LANGUAGE ${LANG_SIMPCHINESE}
  ${EndIf}
!macroend

Function .onInit
  !insertmacro PICK_LANGUAGE
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/ADDTOPATH" $R1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecPath}
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/NODESKTOP" $R1
  ${IfNot} ${Errors}
    !insertmacro UnselectSection ${SecDesktop}
  ${EndIf}
FunctionEnd

Function un.onInit
  !insertmacro PICK_LANGUAGE
FunctionEnd

; Removes exactly what the installer put there: named files, never the folder's other contents.
Section "Uninstall"
  InitPluginsDir
  File "/oname=$PLUGINSDIR\userpath.exe" "${TOOLS}\userpath.exe"
  ; Only our entry, and only if it is there (the PATH option may not have been chosen).
  nsExec::ExecToLog '"$PLUGINSDIR\userpath.exe" remove "$INSTDIR"'
  Pop $0

  Delete "$SMPROGRAMS\${LNK_ZH}.lnk"
  Delete "$SMPROGRAMS\${LNK_EN}.lnk"
  Delete "$DESKTOP\${LNK_ZH}.lnk"
  Delete "$DESKTOP\${LNK_EN}.lnk"

  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
