//! The one pass over the finished DOCX package that makes docx-rs's output valid.
//!
//! docx-rs writes some children out of the order ECMA-376 prescribes (`rPr` first inside
//! `pPr`, `ind` before `pStyle`, …). Word silently drops out-of-order properties and Word
//! for the web refuses such files, so every XML part of the package is read back here
//! (`zip` + `quick-xml`), every element listed in [`SEQUENCES`] gets its children stably
//! sorted into schema order, and the package is zipped again.
//!
//! The same pass fills in what docx-rs has no API for, each in one named place:
//! - `docProps/core.xml` is replaced by [`core_properties`] (title, creator, created);
//! - `word/styles.xml`: docx-rs always writes an empty `Normal` style first; a later
//!   definition of the same style id (ours, with the body font) replaces it; the document's
//!   language (`w:lang`, East Asian zh-CN) goes into the default run properties, and the
//!   default paragraph properties turn off the automatic space between Chinese and Latin
//!   text (`w:autoSpaceDE`/`w:autoSpaceDN`);
//! - `word/settings.xml`: `w:updateFields` when the document has a TOC to fill;
//! - `word/fontTable.xml` is replaced by one that describes every face the parts name
//!   ([`super::font_table`]);
//! - `word/document.xml`: the first row of every table repeats as a header row
//!   (`w:tblHeader`) — every table this writer makes has its header first;
//! - a theme part (`word/theme/theme1.xml`, which the schema requires of a document) with
//!   its relationship and content type;
//! - what docx-rs writes that the schema does not allow is dropped: `w:rPr` inside the
//!   `w:pPr` of a style, a list level or the defaults (CT_PPrBase has none), and the
//!   `w:type` attribute of `w:gridCol`.

use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use std::io::{Cursor, Write};

/// Children order of WordprocessingML elements (ECMA-376 Part 1, wml.xsd), by local name
/// in the `w:` namespace. `*` marks where children not named go (default: last).
pub(crate) const SEQUENCES: &[(&str, &[&str])] = &[
    ("body", &["*", "sectPr"]),
    ("p", &["pPr", "*"]),
    ("r", &["rPr", "*"]),
    ("tbl", &["tblPr", "tblGrid", "*"]),
    ("tr", &["tblPrEx", "trPr", "*"]),
    ("tc", &["tcPr", "*"]),
    (
        "pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
    ),
    (
        "rPr",
        &[
            "ins",
            "del",
            "moveFrom",
            "moveTo",
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
            "rPrChange",
        ],
    ),
    (
        "style",
        &[
            "name",
            "aliases",
            "basedOn",
            "next",
            "link",
            "autoRedefine",
            "hidden",
            "uiPriority",
            "semiHidden",
            "unhideWhenUsed",
            "qFormat",
            "locked",
            "personal",
            "personalCompose",
            "personalReply",
            "rsid",
            "pPr",
            "rPr",
            "tblPr",
            "trPr",
            "tcPr",
            "tblStylePr",
        ],
    ),
    ("styles", &["docDefaults", "latentStyles", "style"]),
    ("docDefaults", &["rPrDefault", "pPrDefault"]),
    (
        "sectPr",
        &[
            "headerReference|footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
            "printerSettings",
            "sectPrChange",
        ],
    ),
    (
        "tblPr",
        &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
            "tblCaption",
            "tblDescription",
            "tblPrChange",
        ],
    ),
    (
        "tcPr",
        &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
            "headers",
            "cellIns",
            "cellDel",
            "cellMerge",
            "tcPrChange",
        ],
    ),
    (
        "tblBorders",
        &[
            "top", "start", "left", "bottom", "end", "right", "insideH", "insideV",
        ],
    ),
    (
        "tcBorders",
        &[
            "top", "start", "left", "bottom", "end", "right", "insideH", "insideV", "tl2br",
            "tr2bl",
        ],
    ),
    (
        "tblCellMar",
        &["top", "start", "left", "bottom", "end", "right"],
    ),
    ("tcMar", &["top", "start", "left", "bottom", "end", "right"]),
    (
        "pBdr",
        &["top", "left", "bottom", "right", "between", "bar"],
    ),
    ("numPr", &["ilvl", "numId", "numberingChange", "ins"]),
    (
        "lvl",
        &[
            "start",
            "numFmt",
            "lvlRestart",
            "pStyle",
            "isLgl",
            "suff",
            "lvlText",
            "lvlPicBulletId",
            "legacy",
            "lvlJc",
            "pPr",
            "rPr",
        ],
    ),
    (
        "abstractNum",
        &[
            "nsid",
            "multiLevelType",
            "tmpl",
            "name",
            "styleLink",
            "numStyleLink",
            "lvl",
        ],
    ),
    ("num", &["abstractNumId", "lvlOverride"]),
    ("lvlOverride", &["startOverride", "lvl"]),
    (
        "numbering",
        &["numPicBulletId", "abstractNum", "num", "numIdMacAtCleanup"],
    ),
    (
        "font",
        &[
            "altName",
            "panose1",
            "charset",
            "family",
            "notTrueType",
            "pitch",
            "sig",
            "embedRegular",
            "embedBold",
            "embedItalic",
            "embedBoldItalic",
        ],
    ),
    (
        "settings",
        &[
            "writeProtection",
            "view",
            "zoom",
            "removePersonalInformation",
            "removeDateAndTime",
            "doNotDisplayPageBoundaries",
            "displayBackgroundShape",
            "printPostScriptOverText",
            "printFractionalCharacterWidth",
            "printFormsData",
            "embedTrueTypeFonts",
            "embedSystemFonts",
            "saveSubsetFonts",
            "saveFormsData",
            "mirrorMargins",
            "alignBordersAndEdges",
            "bordersDoNotSurroundHeader",
            "bordersDoNotSurroundFooter",
            "gutterAtTop",
            "hideSpellingErrors",
            "hideGrammaticalErrors",
            "activeWritingStyle",
            "proofState",
            "formsDesign",
            "attachedTemplate",
            "linkStyles",
            "stylePaneFormatFilter",
            "stylePaneSortMethod",
            "documentType",
            "mailMerge",
            "revisionView",
            "trackRevisions",
            "doNotTrackMoves",
            "doNotTrackFormatting",
            "documentProtection",
            "autoFormatOverride",
            "styleLockTheme",
            "styleLockQFSet",
            "defaultTabStop",
            "autoHyphenation",
            "consecutiveHyphenLimit",
            "hyphenationZone",
            "doNotHyphenateCaps",
            "showEnvelope",
            "summaryLength",
            "clickAndTypeStyle",
            "defaultTableStyle",
            "evenAndOddHeaders",
            "bookFoldRevPrinting",
            "bookFoldPrinting",
            "bookFoldPrintingSheets",
            "drawingGridHorizontalSpacing",
            "drawingGridVerticalSpacing",
            "displayHorizontalDrawingGridEvery",
            "displayVerticalDrawingGridEvery",
            "doNotUseMarginsForDrawingGridOrigin",
            "drawingGridHorizontalOrigin",
            "drawingGridVerticalOrigin",
            "doNotShadeFormData",
            "noPunctuationKerning",
            "characterSpacingControl",
            "printTwoOnOne",
            "strictFirstAndLastChars",
            "noLineBreaksAfter",
            "noLineBreaksBefore",
            "savePreviewPicture",
            "doNotValidateAgainstSchema",
            "saveInvalidXml",
            "ignoreMixedContent",
            "alwaysShowPlaceholderText",
            "doNotDemarcateInvalidXml",
            "saveXmlDataOnly",
            "useXSLTWhenSaving",
            "saveThroughXslt",
            "showXMLTags",
            "alwaysMergeEmptyNamespace",
            "updateFields",
            "hdrShapeDefaults",
            "footnotePr",
            "endnotePr",
            "compat",
            "docVars",
            "rsids",
            "mathPr",
            "attachedSchema",
            "themeFontLang",
            "clrSchemeMapping",
            "doNotIncludeSubdocsInStats",
            "doNotAutoCompressPictures",
            "forceUpgrade",
            "captions",
            "readModeInkLockDown",
            "smartTagType",
            "schemaLibrary",
            "shapeDefaults",
            "doNotEmbedSmartTags",
            "decimalSymbol",
            "listSeparator",
        ],
    ),
];

/// What the pass adds to the package besides reordering.
pub(crate) struct Fixes {
    /// The whole `docProps/core.xml`.
    pub core_xml: Vec<u8>,
    /// Ask the reader to update fields (the TOC) when the file is opened.
    pub update_fields: bool,
    /// `w:lang` of the default run properties: (Latin, East Asian).
    pub lang: (&'static str, &'static str),
    /// The language of the Chinese text (the font table's character set follows it).
    pub text_lang: recap_core::Lang,
}

#[derive(Debug, Clone)]
pub(crate) enum Node<'a> {
    Elem(Elem<'a>),
    Leaf(Event<'a>),
}

#[derive(Debug, Clone)]
pub(crate) struct Elem<'a> {
    pub start: BytesStart<'a>,
    pub children: Vec<Node<'a>>,
    /// Written as `<x/>` when it has no children.
    pub empty: bool,
}

impl<'a> Elem<'a> {
    fn new(name: &str, attrs: &[(&str, &str)]) -> Elem<'a> {
        let mut start = BytesStart::new(name.to_string());
        for a in attrs {
            start.push_attribute(*a);
        }
        Elem {
            start,
            children: Vec::new(),
            empty: true,
        }
    }

    fn qname(&self) -> &[u8] {
        self.start.name().into_inner()
    }

    fn is(&self, qname: &str) -> bool {
        self.qname() == qname.as_bytes()
    }

    fn attr(&self, qname: &str) -> Option<String> {
        self.start
            .try_get_attribute(qname)
            .ok()
            .flatten()
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    }

    fn elems_mut(&mut self) -> impl Iterator<Item = &mut Elem<'a>> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Leaf(_) => None,
        })
    }

    fn child_mut(&mut self, qname: &str) -> Option<&mut Elem<'a>> {
        self.elems_mut().find(|e| e.is(qname))
    }

    /// The child named `qname`, created (empty, last) when missing.
    fn ensure_child(&mut self, qname: &str) -> Option<&mut Elem<'a>> {
        if self.child_mut(qname).is_none() {
            self.children.push(Node::Elem(Elem::new(qname, &[])));
        }
        self.child_mut(qname)
    }
}

/// The XML as a tree. Names, attributes and text borrow from `xml`: nothing is copied but
/// what a fix changes (this pass reads every part the writer makes).
pub(crate) fn parse(xml: &[u8]) -> Result<Vec<Node<'_>>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut stack: Vec<Elem<'_>> = Vec::new();
    let mut top: Vec<Node<'_>> = Vec::new();
    fn attach<'a>(stack: &mut [Elem<'a>], top: &mut Vec<Node<'a>>, n: Node<'a>) {
        match stack.last_mut() {
            Some(parent) => parent.children.push(n),
            None => top.push(n),
        }
    }
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("XML at byte {}: {e}", reader.buffer_position()))?;
        match ev {
            Event::Eof => break,
            Event::Start(s) => stack.push(Elem {
                start: s,
                children: Vec::new(),
                empty: false,
            }),
            Event::Empty(s) => {
                let e = Elem {
                    start: s,
                    children: Vec::new(),
                    empty: true,
                };
                attach(&mut stack, &mut top, Node::Elem(e));
            }
            Event::End(_) => {
                let e = stack.pop().ok_or("unbalanced end tag")?;
                attach(&mut stack, &mut top, Node::Elem(e));
            }
            other => attach(&mut stack, &mut top, Node::Leaf(other)),
        }
    }
    if !stack.is_empty() {
        return Err("unclosed element".into());
    }
    Ok(top)
}

pub(crate) fn write(nodes: &[Node<'_>]) -> Result<Vec<u8>, String> {
    fn go(w: &mut Writer<Vec<u8>>, nodes: &[Node<'_>]) -> std::io::Result<()> {
        for n in nodes {
            match n {
                Node::Leaf(ev) => w.write_event(ev.borrow())?,
                Node::Elem(e) if e.children.is_empty() && e.empty => {
                    w.write_event(Event::Empty(e.start.borrow()))?
                }
                Node::Elem(e) => {
                    w.write_event(Event::Start(e.start.borrow()))?;
                    go(w, &e.children)?;
                    w.write_event(Event::End(e.start.to_end()))?;
                }
            }
        }
        Ok(())
    }
    let mut w = Writer::new(Vec::new());
    go(&mut w, nodes).map_err(|e| e.to_string())?;
    Ok(w.into_inner())
}

/// [`SEQUENCES`] as lookups: for each element, the rank of each child name and where
/// unnamed children go. Built once; ranking is this pass's innermost loop.
struct Order {
    ranks: std::collections::HashMap<&'static [u8], usize>,
    wildcard: usize,
}

static ORDERS: std::sync::LazyLock<std::collections::HashMap<&'static [u8], Order>> =
    std::sync::LazyLock::new(|| {
        SEQUENCES
            .iter()
            .map(|(name, seq)| {
                let ranks = seq
                    .iter()
                    .enumerate()
                    .flat_map(|(i, s)| s.split('|').map(move |alt| (alt.as_bytes(), i)))
                    .collect();
                let wildcard = seq.iter().position(|s| *s == "*").unwrap_or(seq.len());
                (name.as_bytes(), Order { ranks, wildcard })
            })
            .collect()
    });

fn sequence_of(qname: &[u8]) -> Option<&'static Order> {
    ORDERS.get(qname.strip_prefix(b"w:")?)
}

fn rank(order: &Order, child: &Node<'_>) -> usize {
    let Node::Elem(e) = child else {
        return order.wildcard;
    };
    e.qname()
        .strip_prefix(b"w:")
        .and_then(|local| order.ranks.get(local))
        .copied()
        .unwrap_or(order.wildcard)
}

/// Sorts the children of every element of the tree into schema order (stable: children of
/// the same rank keep their order).
pub(crate) fn reorder(nodes: &mut [Node<'_>]) {
    for n in nodes.iter_mut() {
        if let Node::Elem(e) = n {
            if let Some(order) = sequence_of(e.qname()) {
                // Ranks once per child, and no sort at all for the many elements already in
                // order (the ranking is most of this pass's time otherwise).
                let ranks: Vec<usize> = e.children.iter().map(|c| rank(order, c)).collect();
                if !ranks.is_sorted() {
                    let mut ranked: Vec<(usize, Node<'_>)> =
                        ranks.into_iter().zip(e.children.drain(..)).collect();
                    ranked.sort_by_key(|(r, _)| *r);
                    e.children = ranked.into_iter().map(|(_, c)| c).collect();
                }
            }
            reorder(&mut e.children);
        }
    }
}

fn root_mut<'a, 'x>(nodes: &'a mut [Node<'x>], qname: &str) -> Option<&'a mut Elem<'x>> {
    nodes.iter_mut().find_map(|n| match n {
        Node::Elem(e) if e.is(qname) => Some(e),
        _ => None,
    })
}

fn fix_styles(nodes: &mut [Node<'_>], lang: (&str, &str)) {
    let Some(styles) = root_mut(nodes, "w:styles") else {
        return;
    };
    // A later definition of a style id replaces an earlier one.
    let ids: Vec<Option<String>> = styles
        .children
        .iter()
        .map(|n| match n {
            Node::Elem(e) if e.is("w:style") => e.attr("w:styleId"),
            _ => None,
        })
        .collect();
    let mut keep = ids.iter().enumerate().map(|(i, id)| match id {
        Some(id) => !ids[i + 1..]
            .iter()
            .any(|later| later.as_deref() == Some(id)),
        None => true,
    });
    styles.children.retain(|_| keep.next().unwrap_or(true));
    // No extra space between Chinese and Latin letters or digits (Word and LibreOffice add
    // a quarter em by default): dates read 2026年11月2日 as the standard writes them, and
    // the DOCX spaces text as the PDF does (typst's `cjk-latin-spacing: none`).
    if let Some(ppr) = styles
        .ensure_child("w:docDefaults")
        .and_then(|d| d.ensure_child("w:pPrDefault"))
        .and_then(|d| d.ensure_child("w:pPr"))
    {
        for name in ["w:autoSpaceDE", "w:autoSpaceDN"] {
            if ppr.child_mut(name).is_none() {
                ppr.empty = false;
                ppr.children
                    .push(Node::Elem(Elem::new(name, &[("w:val", "0")])));
            }
        }
    }
    let Some(rpr) = styles
        .ensure_child("w:docDefaults")
        .and_then(|d| d.ensure_child("w:rPrDefault"))
        .and_then(|d| d.ensure_child("w:rPr"))
    else {
        return;
    };
    rpr.empty = false;
    if rpr.child_mut("w:lang").is_none() {
        rpr.children.push(Node::Elem(Elem::new(
            "w:lang",
            &[
                ("w:val", lang.0),
                ("w:eastAsia", lang.1),
                ("w:bidi", "ar-SA"),
            ],
        )));
    }
}

fn fix_settings(nodes: &mut [Node<'_>], update_fields: bool) {
    let Some(settings) = root_mut(nodes, "w:settings") else {
        return;
    };
    if update_fields && settings.child_mut("w:updateFields").is_none() {
        settings.children.push(Node::Elem(Elem::new(
            "w:updateFields",
            &[("w:val", "true")],
        )));
    }
}

fn mark_header_rows(e: &mut Elem<'_>) {
    if e.is("w:tbl")
        && let Some(first_row) = e.elems_mut().find(|c| c.is("w:tr"))
        && let Some(trpr) = first_row.ensure_child("w:trPr")
    {
        trpr.empty = false;
        if trpr.child_mut("w:tblHeader").is_none() {
            trpr.children
                .push(Node::Elem(Elem::new("w:tblHeader", &[])));
        }
    }
    for c in e.elems_mut() {
        mark_header_rows(c);
    }
}

fn fix_document(nodes: &mut [Node<'_>]) {
    for n in nodes.iter_mut() {
        if let Node::Elem(e) = n {
            mark_header_rows(e);
        }
    }
}

/// Removes what the schema does not allow where docx-rs writes it.
fn drop_invalid(e: &mut Elem<'_>) {
    let base_ppr = e.is("w:style") || e.is("w:lvl") || e.is("w:pPrDefault");
    if base_ppr && let Some(ppr) = e.child_mut("w:pPr") {
        ppr.children
            .retain(|n| !matches!(n, Node::Elem(c) if c.is("w:rPr") || c.is("w:sectPr") || c.is("w:pPrChange")));
    }
    if e.is("w:gridCol") {
        let attrs: Vec<(Vec<u8>, Vec<u8>)> = e
            .start
            .attributes()
            .flatten()
            .filter(|a| a.key.as_ref() != b"w:type")
            .map(|a| (a.key.as_ref().to_vec(), a.value.to_vec()))
            .collect();
        e.start.clear_attributes();
        for (k, v) in &attrs {
            e.start.push_attribute((k.as_slice(), v.as_slice()));
        }
    }
    for c in e.elems_mut() {
        drop_invalid(c);
    }
}

pub(crate) const THEME_PART: &str = "word/theme/theme1.xml";
pub(crate) const FONT_TABLE_PART: &str = "word/fontTable.xml";
const THEME_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
const THEME_TYPE: &str = "application/vnd.openxmlformats-officedocument.theme+xml";

/// A minimal Office theme: the schema requires one; nothing of ours refers to its fonts.
pub(crate) const THEME_XML: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Recap"><a:themeElements>"#,
    r#"<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>"#,
    r#"<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2>"#,
    r#"<a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1>"#,
    r#"<a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3>"#,
    r#"<a:accent4><a:srgbClr val="FFC000"/></a:accent4><a:accent5><a:srgbClr val="5B9BD5"/></a:accent5>"#,
    r#"<a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink>"#,
    r#"<a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>"#,
    r#"<a:fontScheme name="Office"><a:majorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/>"#,
    r#"<a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/>"#,
    r#"<a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst>"#,
    r#"<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#,
    r#"<a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#,
    r#"<a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>"#,
    r#"<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>"#,
    r#"<a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements>"#,
    r#"<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#,
);

fn add_theme_relationship(nodes: &mut [Node<'_>]) {
    if let Some(rels) = root_mut(nodes, "Relationships")
        && !rels
            .elems_mut()
            .any(|r| r.attr("Type").as_deref() == Some(THEME_REL))
    {
        rels.children.push(Node::Elem(Elem::new(
            "Relationship",
            &[
                ("Id", "rIdRecapTheme1"),
                ("Type", THEME_REL),
                ("Target", "theme/theme1.xml"),
            ],
        )));
    }
}

fn add_theme_content_type(nodes: &mut [Node<'_>]) {
    let part = format!("/{THEME_PART}");
    if let Some(types) = root_mut(nodes, "Types")
        && !types
            .elems_mut()
            .any(|t| t.attr("PartName").as_deref() == Some(part.as_str()))
    {
        types.children.push(Node::Elem(Elem::new(
            "Override",
            &[("PartName", part.as_str()), ("ContentType", THEME_TYPE)],
        )));
    }
}

/// Adds every font `w:rFonts` names under `nodes` to `fonts` (each once, in order).
fn collect_fonts(nodes: &[Node<'_>], fonts: &mut Vec<String>) {
    for n in nodes {
        let Node::Elem(e) = n else { continue };
        if e.is("w:rFonts") {
            for a in e.start.attributes().flatten() {
                let slot = matches!(
                    a.key.as_ref(),
                    b"w:ascii" | b"w:hAnsi" | b"w:eastAsia" | b"w:cs"
                );
                // Compared raw (no allocation for the many runs naming a known font).
                if slot
                    && !a.value.is_empty()
                    && !fonts.iter().any(|f| f.as_bytes() == a.value.as_ref())
                {
                    let raw = String::from_utf8_lossy(&a.value);
                    let name = quick_xml::escape::unescape(&raw)
                        .map_or_else(|_| raw.clone().into_owned(), std::borrow::Cow::into_owned);
                    if !fonts.contains(&name) {
                        fonts.push(name);
                    }
                }
            }
        }
        collect_fonts(&e.children, fonts);
    }
}

/// Rewrites one XML part: the part's own fixes, then schema order. The fonts it names are
/// added to `fonts`.
pub(crate) fn fix_part(
    name: &str,
    xml: &[u8],
    fixes: &Fixes,
    fonts: &mut Vec<String>,
) -> Result<Vec<u8>, String> {
    if name == "docProps/core.xml" {
        return Ok(fixes.core_xml.clone());
    }
    let mut nodes = parse(xml).map_err(|e| format!("{name}: {e}"))?;
    collect_fonts(&nodes, fonts);
    match name {
        "word/styles.xml" => fix_styles(&mut nodes, fixes.lang),
        "word/settings.xml" => fix_settings(&mut nodes, fixes.update_fields),
        "word/document.xml" => fix_document(&mut nodes),
        "word/_rels/document.xml.rels" => add_theme_relationship(&mut nodes),
        "[Content_Types].xml" => add_theme_content_type(&mut nodes),
        _ => {}
    }
    for n in nodes.iter_mut() {
        if let Node::Elem(e) = n {
            drop_invalid(e);
        }
    }
    reorder(&mut nodes);
    write(&nodes).map_err(|e| format!("{name}: {e}"))
}

/// Parts (and folder entries) shorter than this many bytes are stored uncompressed: each
/// deflated part costs a fresh compressor (≈270 KB of tables, zeroed and faulted in), which
/// for a part of a few kilobytes is most of the export's time and saves a few kilobytes of
/// file. So the fixed parts (styles ≈11 KB, numbering ≈9 KB) are stored, and the document is
/// compressed once it is long enough for the bytes to matter.
const STORE_BELOW: usize = 16 * 1024;

/// The parts of the package docx-rs made, by name, as its own zip writer names them (taking
/// them before they are zipped spares zipping them and reading them back).
pub(crate) fn parts(xml: docx_rs::XMLDocx) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = [
        ("[Content_Types].xml", xml.content_type),
        ("_rels/.rels", xml.rels),
        ("docProps/app.xml", xml.doc_props.app),
        ("docProps/core.xml", xml.doc_props.core),
        ("docProps/custom.xml", xml.doc_props.custom),
        ("word/_rels/document.xml.rels", xml.document_rels),
        ("word/document.xml", xml.document),
        ("word/styles.xml", xml.styles),
        ("word/settings.xml", xml.settings),
        ("word/fontTable.xml", xml.font_table),
        ("word/comments.xml", xml.comments),
        ("word/numbering.xml", xml.numberings),
        ("word/commentsExtended.xml", xml.comments_extended),
        ("word/footnotes.xml", xml.footnotes),
    ]
    .into_iter()
    .map(|(n, d)| (n.to_string(), d))
    .collect();
    for (kind, parts, rels) in [
        ("header", xml.headers, xml.header_rels),
        ("footer", xml.footers, xml.footer_rels),
    ] {
        let mut rels = rels.into_iter();
        for (i, part) in parts.into_iter().enumerate() {
            out.push((format!("word/{kind}{}.xml", i + 1), part));
            if let Some(r) = rels.next() {
                out.push((format!("word/_rels/{kind}{}.xml.rels", i + 1), r));
            }
        }
    }
    // This writer adds no images, task panes or custom XML; were there any, they keep the
    // names docx-rs gives them.
    for (name, png) in xml.media {
        out.push((format!("word/media/{name}.png"), png));
    }
    out
}

/// Writes the package with every XML part of docx-rs's `parts` fixed.
pub(crate) fn finish(parts: Vec<(String, Vec<u8>)>, fixes: &Fixes) -> Result<Vec<u8>, String> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = |len: usize| {
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        if len < STORE_BELOW {
            stored
        } else {
            // The fastest level: the parts are repetitive XML, which it packs nearly as tight
            // as the default level in a fraction of the time.
            stored
                .compression_method(zip::CompressionMethod::Deflated)
                .compression_level(Some(1))
        }
    };
    // All parts first: the font table, written last, lists the fonts the others name.
    let mut fixed: Vec<(String, Vec<u8>)> = Vec::with_capacity(parts.len() + 2);
    let mut fonts = Vec::new();
    for (name, data) in parts {
        if name == THEME_PART || name == FONT_TABLE_PART {
            // Ours replace them (content types and relationships are kept as they are).
            continue;
        }
        let data = if name.ends_with(".xml") || name.ends_with(".rels") {
            fix_part(&name, &data, fixes, &mut fonts)?
        } else {
            data
        };
        fixed.push((name, data));
    }
    fixed.push((THEME_PART.to_string(), THEME_XML.as_bytes().to_vec()));
    fixed.push((
        FONT_TABLE_PART.to_string(),
        super::font_table::font_table(&fonts, fixes.text_lang)?,
    ));
    for (name, data) in fixed {
        out.start_file(name.as_str(), options(data.len()))
            .map_err(|e| e.to_string())?;
        out.write_all(&data).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}

/// `docProps/core.xml` with the document's title, author and creation time.
pub(crate) fn core_properties(
    title: &str,
    creator: &str,
    subject: &str,
    language: &str,
    created: &str,
) -> Result<Vec<u8>, String> {
    let mut w = Writer::new(Vec::new());
    let io = |e: std::io::Error| e.to_string();
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))
    .map_err(io)?;
    let mut root = BytesStart::new("cp:coreProperties");
    for (k, v) in [
        (
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        ),
        ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ("xmlns:dcterms", "http://purl.org/dc/terms/"),
        ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
    ] {
        root.push_attribute((k, v));
    }
    w.write_event(Event::Start(root.borrow())).map_err(io)?;
    let text =
        |w: &mut Writer<Vec<u8>>, name: &str, value: &str, w3cdtf: bool| -> std::io::Result<()> {
            let el = w.create_element(name);
            let el = if w3cdtf {
                el.with_attribute(("xsi:type", "dcterms:W3CDTF"))
            } else {
                el
            };
            el.write_text_content(BytesText::new(value))?;
            Ok(())
        };
    // Order is free in core properties; keep the one Word writes.
    if !title.is_empty() {
        text(&mut w, "dc:title", title, false).map_err(io)?;
    }
    if !subject.is_empty() {
        text(&mut w, "dc:subject", subject, false).map_err(io)?;
    }
    if !creator.is_empty() {
        text(&mut w, "dc:creator", creator, false).map_err(io)?;
        text(&mut w, "cp:lastModifiedBy", creator, false).map_err(io)?;
    }
    if !language.is_empty() {
        text(&mut w, "dc:language", language, false).map_err(io)?;
    }
    text(&mut w, "cp:revision", "1", false).map_err(io)?;
    text(&mut w, "dcterms:created", created, true).map_err(io)?;
    text(&mut w, "dcterms:modified", created, true).map_err(io)?;
    w.write_event(Event::End(root.to_end())).map_err(io)?;
    Ok(w.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(xml: &str) -> String {
        let mut nodes = parse(xml.as_bytes()).unwrap();
        reorder(&mut nodes);
        String::from_utf8(write(&nodes).unwrap()).unwrap()
    }

    #[test]
    fn paragraph_properties_go_into_schema_order() {
        let xml = r#"<w:p><w:pPr><w:rPr><w:b/></w:rPr><w:ind w:firstLine="640"/><w:jc w:val="both"/><w:pStyle w:val="Heading1"/><w:spacing w:line="579"/><w:numPr><w:numId w:val="2"/><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r><w:t>a</w:t></w:r></w:p>"#;
        assert_eq!(
            roundtrip(xml),
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:spacing w:line="579"/><w:ind w:firstLine="640"/><w:jc w:val="both"/><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>a</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn run_properties_and_unknown_children_keep_their_place() {
        // rPr moves first in the run; text and breaks keep their order; sz goes after rFonts.
        let xml = r#"<w:r><w:t>x</w:t><w:rPr><w:sz w:val="32"/><w:i/><w:rFonts w:eastAsia="仿宋"/><w:rStyle w:val="A"/></w:rPr><w:br/><w:t xml:space="preserve"> y &amp; z</w:t></w:r>"#;
        assert_eq!(
            roundtrip(xml),
            r#"<w:r><w:rPr><w:rStyle w:val="A"/><w:rFonts w:eastAsia="仿宋"/><w:i/><w:sz w:val="32"/></w:rPr><w:t>x</w:t><w:br/><w:t xml:space="preserve"> y &amp; z</w:t></w:r>"#
        );
    }

    #[test]
    fn section_properties_end_the_body_and_are_ordered() {
        let xml = r#"<w:body><w:sectPr><w:docGrid w:type="linesAndChars"/><w:pgMar w:top="1"/><w:footerReference w:type="even"/><w:pgSz w:w="2"/><w:headerReference w:type="default"/><w:titlePg/></w:sectPr><w:p/></w:body>"#;
        assert_eq!(
            roundtrip(xml),
            r#"<w:body><w:p/><w:sectPr><w:footerReference w:type="even"/><w:headerReference w:type="default"/><w:pgSz w:w="2"/><w:pgMar w:top="1"/><w:titlePg/><w:docGrid w:type="linesAndChars"/></w:sectPr></w:body>"#
        );
    }

    #[test]
    fn later_style_definitions_win_and_lang_is_added() {
        let xml = r#"<w:styles><w:docDefaults><w:pPrDefault/><w:rPrDefault><w:rPr><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:styleId="Normal"><w:rPr><w:sz w:val="32"/></w:rPr><w:name w:val="Normal"/></w:style></w:styles>"#;
        let mut nodes = parse(xml.as_bytes()).unwrap();
        fix_styles(&mut nodes, ("en-US", "zh-CN"));
        reorder(&mut nodes);
        let out = String::from_utf8(write(&nodes).unwrap()).unwrap();
        assert_eq!(out.matches("w:styleId=\"Normal\"").count(), 1);
        assert!(
            out.contains(r#"<w:style w:styleId="Normal"><w:name w:val="Normal"/><w:rPr>"#),
            "{out}"
        );
        assert!(out.contains(r#"<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/></w:pPr></w:pPrDefault>"#), "{out}");
    }

    #[test]
    fn the_first_table_row_is_a_header_row() {
        let xml = r#"<w:document><w:body><w:tbl><w:tblGrid/><w:tblPr/><w:tr><w:tc><w:p/></w:tc></w:tr><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>"#;
        let mut nodes = parse(xml.as_bytes()).unwrap();
        fix_document(&mut nodes);
        reorder(&mut nodes);
        let out = String::from_utf8(write(&nodes).unwrap()).unwrap();
        assert!(
            out.contains(
                r#"<w:tbl><w:tblPr/><w:tblGrid/><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc>"#
            ),
            "{out}"
        );
        assert_eq!(out.matches("tblHeader").count(), 1);
    }

    #[test]
    fn core_properties_are_escaped() {
        let xml = core_properties(
            "<标题> & \"x\"",
            "O'Brien",
            "",
            "zh-CN",
            "2026-01-01T00:00:00Z",
        )
        .unwrap();
        let s = String::from_utf8(xml).unwrap();
        assert!(
            s.contains("<dc:title>&lt;标题&gt; &amp; &quot;x&quot;</dc:title>"),
            "{s}"
        );
        assert!(parse(s.as_bytes()).is_ok());
    }
}
