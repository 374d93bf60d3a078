/**
 * Examples of ../shared/unattend-reference that do not pass the conformance
 * test (tests/conformance.test.ts), each checked by hand against its own page
 * and the pages it links to. The key is `<page file name>#<n>`, n counting the
 * page's XML examples from 1; the reason says concretely where the example
 * contradicts the reference, or why our model legitimately differs.
 *
 * Failures that are our own bugs are not here: see KNOWN_BUGS in
 * tests/conformance.test.ts.
 */

// Reasons shared by examples that several pages copy.
const NLB_PROTOCOL_BOTH =
  "a Portrule writes <Protocol>Both</Protocol>; the Protocol page (…-portrules-portrule-protocol) lists TCP, UDP and BOTH, upper case";
const NLB_BOTH_AND_SINGLEHOST = `${NLB_PROTOCOL_BOTH}; and a Portrule writes <Mode>SingleHost</Mode>, while the Mode page (…-portrule-mode) lists Single, MultipleHost and Disabled`;
const SECURESTARTUP =
  'the component is named "microsoft-windows-securestartup-filterdriver-" (trailing hyphen; the component page and the TOC name it ' +
  "Microsoft-Windows-SecureStartup-FilterDriver), and it sets InPlaceCrypto, ModifiedWriteMaximum and ReadDoubleBuffering, which the " +
  "component's child table does not list and changed-answer-file-settings-for-previous-windows10-builds lists as removed";
const DATAIMAGE_WILLSHOWUI =
  "the example puts <WillShowUI> inside <DataImage>, whose child table lists only InstallFrom, InstallTo and Order (WillShowUI is a child of " +
  "OSImage); it also omits <Order>, which the DataImage page marks Required";
const RUNASYNC_USERNAME =
  "Credentials holds <UserName>; the Credentials child table, the TOC and the Username page (title and its own example, " +
  "<Username>MyUsername</Username>) spell it Username, which the catalog follows (element names are case-sensitive). The sibling list " +
  "RunSynchronous of the same component spells UserName on all its pages, so the reference differs between the two lists";
const DISPLAY_DPI =
  "the second Display example sets <DPI>120</DPI>; Display's child table lists only ColorDepth, HorizontalResolution, RefreshRate and " +
  "VerticalResolution, and no page of the reference documents DPI";
const OFFLINE_ADMIN_PASSWORD =
  'the obfuscated Value decodes to "pw" + "AdministratorPassword": it is the AdministratorPassword example copied unchanged; an ' +
  'obfuscated OfflineAdministratorPassword ends with its own element name, "OfflineAdministratorPassword", as WSIM writes it';
const OFFLINE_DOMAIN_ACCOUNT_NAME =
  "OfflineDomainAccount identifies the account with <Name>; the OfflineDomainAccount child table lists only Group and SID (Name belongs " +
  "to the online UserAccounts/DomainAccounts/DomainAccountList/DomainAccount)";
const THEMES_DEFAULTTHEMESOFF =
  "the example sets <DefaultThemesOff>; Themes' child table (BrandIcon, CustomDefaultThemeFile, DesktopBackground, ScreenSaver, ThemeName, " +
  "UWPAppsUseLightTheme, WindowColor) does not list it and no page of the reference documents it";
const LOCALACCOUNT_PADDING =
  'the first LocalAccount\'s obfuscated Value "cAB3AFAAYQBzAHMAdwBvAHIAZAA" lacks its base64 padding "=" (the second account\'s Value ' +
  'is padded, as WSIM writes it), so it is not base64 of UTF-16LE(password + "Password"); our model reads only well-formed obfuscated ' +
  "values, keeps the whole UserAccounts unvalidated and could not render the same text back";
const WINDOWSFEATURES_MAIL =
  "the example sets <ShowWindowsMail>; WindowsFeatures' child table lists only ShowInternetExplorer, ShowMediaCenter and " +
  "ShowWindowsMediaPlayer, and no page of the reference documents ShowWindowsMail";
const SENSORS_PERCENTAGE =
  "the example sets <DefaultSliderPercentage>75</DefaultSliderPercentage>; the setting is DefaultSliderPosition (its page's title, " +
  "Parent Hierarchy, and the link from IsAutobrightnessEnabledByDefault)";
const TCPIP_TWO_SAMPLES =
  "the code block runs two alternative samples together (the same Microsoft-Windows-TCPIP configuration with Interface identifiers " +
  '"Ethernet 1"/"Local Area Connection" and again with 123/456): as one answer file it declares Microsoft-Windows-TCPIP twice in one ' +
  "pass, which Windows Setup rejects; each half alone validates";

export const REVIEWED: Record<string /* "page.md#index" */, string /* reason */> = {
  "Microsoft-Windows-Embedded-KeyboardFilterService-windowsspace.md#1":
    "the example (and the page's Parent Hierarchy line) writes <WindowsSpacebar>, but the page title, the TOC and the component's child " +
    "table name the setting WindowsSpace, which the catalog follows; Parent Hierarchy lines of this component are copy-paste prone " +
    "(WindowsPlus and WindowsU both say **WindowsComma**); the reference contradicts itself, nothing outside it settles the spelling",
  "microsoft-windows-ie-internetexplorer-installedbholist.md#1":
    "the example writes <AddOnGuidItem>/<AddOnGuid>; the page's own child table, the TOC, the AddonGuidItem page and its example write " +
    "AddonGuidItem/AddonGuid (element names are case-sensitive)",
  "microsoft-windows-ie-internetexplorer-preapprovedaddons-addonguiditem.md#1":
    "the example writes <PreApprovedAddons>; the PreapprovedAddons page's prose, Parent Hierarchy and example and the AddonGuid page's " +
    "example write <PreapprovedAddons>, which the catalog follows (the title and TOC use PreApprovedAddons: the reference is inconsistent)",
  "microsoft-windows-ie-internetexplorer-tabprocessgrowth.md#1":
    "the example writes <TabProcessGrowth>Large</TabProcessGrowth>; the Values table lists High, Medium and Low (the example's prose, " +
    '"allow tab processes to grow quickly", describes High)',
  "microsoft-windows-mobilepc-sensors-api-adaptivebrightness-defaultsliderposition.md#1": SENSORS_PERCENTAGE,
  "microsoft-windows-mobilepc-sensors-api-adaptivebrightness-isautobrightnessenabledbydefault.md#1": SENSORS_PERCENTAGE,
  "microsoft-windows-networkloadbalancing-core-clusters-cluster-portrules-portrule.md#1": NLB_PROTOCOL_BOTH,
  "microsoft-windows-networkloadbalancing-core-clusters-cluster-portrules.md#1": NLB_BOTH_AND_SINGLEHOST,
  "microsoft-windows-networkloadbalancing-core-clusters-cluster.md#1": NLB_BOTH_AND_SINGLEHOST,
  "microsoft-windows-networkloadbalancing-core-clusters.md#1": NLB_BOTH_AND_SINGLEHOST,
  "microsoft-windows-securestartup-filterdriver-bytesdecryptedindiskrequestoverhead.md#1": SECURESTARTUP,
  "microsoft-windows-securestartup-filterdriver-maxcryptorequestsperio.md#1": SECURESTARTUP,
  "microsoft-windows-securestartup-filterdriver-maxdecryptrequests.md#1": SECURESTARTUP,
  "microsoft-windows-securestartup-filterdriver-maxencryptrequests.md#1": SECURESTARTUP,
  "microsoft-windows-securestartup-filterdriver-slicedencryptioninplace.md#1": SECURESTARTUP,
  "microsoft-windows-securestartup-filterdriver-slicedencryptionminsize.md#1": SECURESTARTUP,
  "microsoft-windows-securestartup-filterdriver-slicedencryptionrequestsmax.md#1": SECURESTARTUP,
  "microsoft-windows-securestartup-filterdriver-writeioaggregatemaxsize.md#1": SECURESTARTUP,
  "microsoft-windows-securestartup-filterdriver-writeioaggregateminsize.md#1": SECURESTARTUP,
  "microsoft-windows-securestartup-filterdriver-writesubrequestlength.md#1": SECURESTARTUP,
  "microsoft-windows-securestartup-filterdriver.md#1": SECURESTARTUP,
  "microsoft-windows-setup-imageinstall-dataimage-installfrom-metadata.md#1": DATAIMAGE_WILLSHOWUI,
  "microsoft-windows-setup-imageinstall-dataimage-installfrom-metadata.md#2": DATAIMAGE_WILLSHOWUI,
  "microsoft-windows-setup-imageinstall-dataimage-installfrom-path.md#2":
    "the <DataImage> has no <Order>, which the DataImage page marks Required (its own example gives <Order>1</Order>); our model numbers " +
    "an item without Order by its position, so the rendering adds <Order>1</Order>",
  "microsoft-windows-setup-runasynchronous-runasynchronouscommand-credentials-domain.md#1": RUNASYNC_USERNAME,
  "microsoft-windows-setup-runasynchronous-runasynchronouscommand-credentials-password.md#1": RUNASYNC_USERNAME,
  "microsoft-windows-setup-runasynchronous-runasynchronouscommand-credentials.md#1": RUNASYNC_USERNAME,
  "microsoft-windows-setup-runasynchronous-runasynchronouscommand-description.md#1": RUNASYNC_USERNAME,
  "microsoft-windows-setup-runasynchronous-runasynchronouscommand-order.md#1": RUNASYNC_USERNAME,
  "microsoft-windows-setup-runasynchronous-runasynchronouscommand-path.md#1": RUNASYNC_USERNAME,
  "microsoft-windows-setup-runasynchronous-runasynchronouscommand.md#1": RUNASYNC_USERNAME,
  "microsoft-windows-setup-runasynchronous.md#1": RUNASYNC_USERNAME,
  "microsoft-windows-shell-setup-display-colordepth.md#1": DISPLAY_DPI,
  "microsoft-windows-shell-setup-display-horizontalresolution.md#1": DISPLAY_DPI,
  "microsoft-windows-shell-setup-display-refreshrate.md#1": DISPLAY_DPI,
  "microsoft-windows-shell-setup-display-verticalresolution.md#1": DISPLAY_DPI,
  "microsoft-windows-shell-setup-display.md#2": DISPLAY_DPI,
  "microsoft-windows-shell-setup-offlineuseraccounts-offlineadministratorpassword-plaintext.md#1": OFFLINE_ADMIN_PASSWORD,
  "microsoft-windows-shell-setup-offlineuseraccounts-offlineadministratorpassword.md#1": OFFLINE_ADMIN_PASSWORD,
  "microsoft-windows-shell-setup-offlineuseraccounts-offlinedomainaccounts-offlinedomainaccount-group.md#1": OFFLINE_DOMAIN_ACCOUNT_NAME,
  "microsoft-windows-shell-setup-offlineuseraccounts-offlinedomainaccounts-offlinedomainaccount-group.md#2": OFFLINE_DOMAIN_ACCOUNT_NAME,
  "microsoft-windows-shell-setup-offlineuseraccounts.md#1":
    "a template, not an answer file: every value is a placeholder ([PasswordValue], [groups], [user], [SID1]...), and " +
    "<PlainText>[true/false]</PlainText> is not one of PlainText's values true and false",
  "microsoft-windows-shell-setup-starttiles-regionaloverrides-regionaloverride-regions-region-countryorregionid.md#1":
    "the RegionalOverride writes <Order>1</Order>; the RegionalOverride Order page requires a three-digit value from 001 to 199",
  "microsoft-windows-shell-setup-themes-customdefaultthemefile.md#1": THEMES_DEFAULTTHEMESOFF,
  "microsoft-windows-shell-setup-themes-themename.md#1": THEMES_DEFAULTTHEMESOFF,
  "microsoft-windows-shell-setup-themes-uwpappsuselighttheme.md#1": THEMES_DEFAULTTHEMESOFF,
  "microsoft-windows-shell-setup-themes.md#1": THEMES_DEFAULTTHEMESOFF,
  "microsoft-windows-shell-setup-useraccounts-localaccounts-localaccount-description.md#1": LOCALACCOUNT_PADDING,
  "microsoft-windows-shell-setup-useraccounts-localaccounts-localaccount-displayname.md#1": LOCALACCOUNT_PADDING,
  "microsoft-windows-shell-setup-useraccounts-localaccounts-localaccount-group.md#1": LOCALACCOUNT_PADDING,
  "microsoft-windows-shell-setup-useraccounts-localaccounts-localaccount-name.md#1": LOCALACCOUNT_PADDING,
  "microsoft-windows-shell-setup-useraccounts-localaccounts-localaccount-password-plaintext.md#1": LOCALACCOUNT_PADDING,
  "microsoft-windows-shell-setup-useraccounts-localaccounts-localaccount-password-value.md#1": LOCALACCOUNT_PADDING,
  "microsoft-windows-shell-setup-useraccounts-localaccounts-localaccount-password.md#1": LOCALACCOUNT_PADDING,
  "microsoft-windows-shell-setup-useraccounts-localaccounts-localaccount.md#1": LOCALACCOUNT_PADDING,
  "microsoft-windows-shell-setup-useraccounts-localaccounts.md#1": LOCALACCOUNT_PADDING,
  "microsoft-windows-shell-setup-windowsfeatures-showinternetexplorer.md#1": WINDOWSFEATURES_MAIL,
  "microsoft-windows-shell-setup-windowsfeatures-showmediacenter.md#1": WINDOWSFEATURES_MAIL,
  "microsoft-windows-shell-setup-windowsfeatures-showwindowsmediaplayer.md#1": WINDOWSFEATURES_MAIL,
  "microsoft-windows-shell-setup-windowsfeatures.md#1": WINDOWSFEATURES_MAIL,
  "microsoft-windows-sqmapi.md#1":
    "the component page writes <CEIPEnabled>true</CEIPEnabled>; the CEIPEnabled page's Values are 0 and 1 (its own example writes 0)",
  "microsoft-windows-tabletpc-platform-input-core-linearitydata-deviceelement-key.md#1":
    'the example is copied from a DNS/NetBT page: it shows <NameServerList><IpAddress wcm:keyValue="MyKey">, which is no element of ' +
    "TabletPC-Platform-Input-Core; the page is about the key of LinearityData/DeviceElement",
  "microsoft-windows-tcpip-interfaces-interface-routes-route-metric.md#1":
    'the code block runs two samples together (a whole <component name="Microsoft-Windows-TCPIP"> and then the same settings as a bare ' +
    '<Interfaces>, Interface identifiers "Ethernet 1"/123): as one answer file it declares Microsoft-Windows-TCPIP twice in one pass, ' +
    "which Windows Setup rejects; each half alone validates",
  "microsoft-windows-tcpip-interfaces-interface-routes-route-nexthopaddress.md#1":
    'the code block runs two samples together (a whole <component name="Microsoft-Windows-TCPIP"> and then the same settings as a bare ' +
    '<Interfaces>, Interface identifiers "Ethernet 1"/123): as one answer file it declares Microsoft-Windows-TCPIP twice in one pass, ' +
    "which Windows Setup rejects; each half alone validates",
  "microsoft-windows-tcpip-interfaces-interface-unicastipaddresses.md#1": TCPIP_TWO_SAMPLES,
  "microsoft-windows-terminalservices-rdp-winstationextensions-securitylayer.md#1":
    "the example sets <UserAuthentication>2</UserAuthentication>; the UserAuthentication page's Values are 0 and 1 (2 is a value of " +
    "SecurityLayer, set on the line above)",
};
