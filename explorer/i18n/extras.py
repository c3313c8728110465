"""Strings of the "what changed", code export and share-link panels (and the exported code's comments)."""

EN = {
    "share.header": "Share this page",
    "share.caption": "This link (the same as the address bar's) opens the page with your code, its numbers and the language:",
    "share.no_url": "The page address is unknown here: add this to the end of the app's address.",
    "share.label": "Link to this page",
    "share.copy": "Copy link",
    "share.copied": "Copied",
    "share.copy_failed": "This browser refused the clipboard: select the link above and copy it",
}

ZH = {
    "share.header": "分享此页面",
    "share.caption": "打开这个链接（与地址栏中的相同）会恢复你的代码、其中的数值和语言：",
    "share.no_url": "这里无法得知页面地址：把下面这段加到应用地址的末尾。",
    "share.label": "此页面的链接",
    "share.copy": "复制链接",
    "share.copied": "已复制",
    "share.copy_failed": "浏览器拒绝访问剪贴板：请选中上面的链接再复制",
}
