"""Strings of the "what changed", code export and share-link panels (and the exported code's comments)."""

EN = {
    "share.header": "Share this page",
    "share.caption": "This link opens the page with all the settings above and the language:",
    "share.no_url": "The page address is unknown here: add this to the end of the app's address.",
    "share.label": "Link to this page",
}

ZH = {
    "share.header": "分享此页面",
    "share.caption": "打开这个链接会恢复上面的全部参数和语言：",
    "share.no_url": "这里无法得知页面地址：把下面这段加到应用地址的末尾。",
    "share.label": "此页面的链接",
}
