"""Amazon's rules for a seller's message to a buyer (seed 001; DESIGN section 8), as data.

A message may not contain links, e-mail addresses or phone numbers (structural rules, in
`message_check`), marketing, requests for a positive review, moves off Amazon, nor, on a CSBA
order, haggling: offering a partial refund or anything else to keep the item or skip the return
(seed 000's "would you like to keep the item if I offer you a 40% refund"); CSBA applies Amazon's
standard policy instead.

Phrases are regular expressions per rule and language (English, German, French, Italian,
Spanish, Japanese), matched case-insensitively on NFKC-normalised text, every language on every
message (a seller may answer a German buyer in English). They name what is offered or asked,
not single words: "coupon" alone is how a buyer asks about one, "coupon code" is a promotion.
Haggling is a phrase of PARTIAL_REFUND, or one of KEEP_ITEM with one of OFFER in the same sentence.
"""
RULES = ("link", "email_address", "phone_number", "marketing", "review_request", "off_platform", "haggling")
LANGUAGES = ("en", "de", "fr", "it", "es", "ja")

PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "marketing": {
        "en": (r"\b(coupon|voucher|promo|promotional|discount|gift) codes?\b", r"\buse (the )?code\b",
               r"\b\d{1,2} ?% (off|discount)\b", r"\b(discount|coupon|voucher)s? (on|for|off) your next\b",
               r"\bnewsletter\b", r"\bfollow us\b", r"\bour (other|new|latest) (products?|items?|collection|range)\b",
               r"\bspecial offer\b", r"\bcheck out our\b", r"\b(visit|browse) our (store|shop|storefront|website)\b",
               r"\byou (might|may) also (like|enjoy)\b"),
        "de": (r"\b(gutschein|rabatt|aktions|promo)-?codes?\b", r"\b\d{1,2} ?% rabatt\b",
               r"\brabatt (auf|für) ihren? nächsten?\b", r"\bnewsletter\b", r"\bfolgen sie uns\b",
               r"\bunsere(n)? (anderen|neuen|weiteren) (produkte|artikel|kollektion)", r"\bsonderangebot",
               r"\bbesuchen sie (doch )?unseren (shop|store|onlineshop)"),
        "fr": (r"\bcode (promo|de réduction|promotionnel)\b", r"\bbon de réduction\b",
               r"\b\d{1,2} ?% de (réduction|remise)\b", r"\b(réduction|remise) sur votre prochaine",
               r"\bnewsletter\b", r"\bsuivez-nous\b", r"\bnos (autres|nouveaux) (produits|articles)\b",
               r"\boffre spéciale\b", r"\bvisitez notre (boutique|magasin|site)\b"),
        "it": (r"\bcodice (sconto|promozionale|coupon)\b", r"\bbuono sconto\b", r"\b\d{1,2} ?% di sconto\b",
               r"\bsconto sul (tuo|suo|vostro) prossimo", r"\bnewsletter\b", r"\bseguici\b",
               r"\bi nostri (altri|nuovi) (prodotti|articoli)\b", r"\bofferta speciale\b",
               r"\bvisit[ai] il nostro (negozio|shop|sito)\b"),
        "es": (r"\bcódigo (de descuento|promocional)\b", r"\bcupón de descuento\b", r"\b\d{1,2} ?% de descuento\b",
               r"\bdescuento en (tu|su) próxim[ao]", r"\bboletín\b", r"\bsíg[au]nos\b",
               r"\bnuestros (otros|nuevos) (productos|artículos)\b", r"\boferta especial\b",
               r"\bvisit[ae] nuestra tienda\b"),
        "ja": (r"クーポン(コード)?を?(お送り|差し上げ|プレゼント|進呈|発行)", r"(割引|プロモーション)コード",
               r"\d{1,2} ?%(オフ|off|割引)", r"次回.{0,8}(割引|値引)", r"メルマガ|メールマガジン|ニュースレター",
               r"フォローして", r"(他|ほか)の(商品|製品)もぜひ", r"新商品", r"キャンペーン"),
    },
    "review_request": {
        "en": (r"\b(positive|good|great|glowing|5[- ]star|five[- ]star) (review|feedback|rating)s?\b",
               r"\b(5|five) stars\b",
               r"\b(remove|change|update|delete|revise) (your|the) (negative )?(review|feedback|rating)",
               r"\bin exchange for (a|your) (review|feedback|rating)"),
        "de": (r"\b(positive|gute)n? (bewertung|rezension|feedback)", r"\b(5|fünf) sterne",
               r"\b(bewertung|rezension|feedback) (zu )?(ändern|entfernen|löschen|anzupassen)",
               r"\b(ändern|entfernen|löschen) sie (bitte )?(ihre|die) (bewertung|rezension)",
               r"\bim austausch (für|gegen) (eine|ihre) (bewertung|rezension)"),
        "fr": (r"\b(avis|commentaire|évaluation)s? (positif|positive|favorable)s?\b", r"\b(5|cinq) étoiles\b",
               r"\b(modifier|supprimer|retirer) (votre |l')(avis|évaluation|commentaire)",
               r"\ben échange d'(un|une|votre) (avis|évaluation)"),
        "it": (r"\b(recensione|valutazione|feedback) (positiv[ao]|a 5 stelle)", r"\b(5|cinque) stelle\b",
               r"\b(modificare|rimuovere|cancellare) (la (sua|tua) |il (suo|tuo) )?(recensione|feedback|valutazione)",
               r"\bin cambio di una recensione"),
        "es": (r"\b(reseña|opinión|valoración|comentario)s? (positiv[ao]|de 5 estrellas)", r"\b(5|cinco) estrellas\b",
               r"\b(modificar|cambiar|eliminar|retirar|borrar) (su|tu|la) (reseña|opinión|valoración)",
               r"\ba cambio de (una|su) (reseña|opinión|valoración)"),
        "ja": (r"高評価", r"[星★☆] ?5", r"5つ星", r"(レビュー|評価)を?(削除|変更|修正)",
               r"(良い|高い)(評価|レビュー)", r"レビューを?(書いて|投稿して)いただけ(たら|れば)"),
    },
    "off_platform": {
        "en": (r"\bpay ?pal\b", r"\b(bank|wire) transfer\b", r"\bwestern union\b", r"\b(venmo|zelle|cash ?app)\b",
               r"\bwhats ?app\b", r"\b(wechat|telegram)\b", r"\boutside (of )?amazon\b",
               r"\b(order|buy|purchase)\w* (it |them |this )?directly (from|with|through|on) (us|our)\b",
               r"\bcontact us (directly|privately) (at|on|via|by)\b",
               r"\b(text|call|e-?mail) us (directly )?(at|on)\b"),
        "de": (r"\bpay ?pal\b", r"\bper (bank)?überweisung\b", r"\büberweisen sie\b", r"\bwhats ?app\b",
               r"\baußerhalb (von )?amazon", r"\bdirekt (bei|über) uns (bestellen|kaufen)",
               r"\bdirekt in unserem (online)?shop", r"\b(kontaktieren|erreichen) sie uns direkt (unter|per|über)"),
        "fr": (r"\bpay ?pal\b", r"\bvirement( bancaire)?\b", r"\bwhats ?app\b", r"\b(en dehors|hors) d'amazon\b",
               r"\bdirectement (sur notre site|chez nous|auprès de nous)",
               r"\bcontactez-nous directement (au|par|via|à)\b"),
        "it": (r"\bpay ?pal\b", r"\bbonifico( bancario)?\b", r"\bwhats ?app\b", r"\bfuori (da )?amazon\b",
               r"\bdirettamente (da noi|sul nostro sito|presso di noi)",
               r"\bcontattaci direttamente (al|via|su|tramite)\b"),
        "es": (r"\bpay ?pal\b", r"\btransferencia bancaria\b", r"\bwhats ?app\b", r"\bfuera de amazon\b",
               r"\bdirectamente (con nosotros|en nuestra (web|tienda|página))",
               r"\bcontáctenos directamente (al|por|en|vía)\b"),
        "ja": (r"ペイパル", r"銀行振込|お振込|振り込み", r"(?-i:LINE) ?(で|の|ID|アカウント|に|を)", r"amazon(の)?外",
               r"直接(取引|ご注文|購入|ご連絡)", r"当店の?(サイト|ホームページ|ウェブサイト)(で|から)"),
    },
}

PARTIAL_REFUND: dict[str, tuple[str, ...]] = {
    "en": (r"\bpartial refund\b", r"\b\d{1,2} ?% (refund|of (the|your) (purchase )?(price|money|amount) back)\b",
           r"\brefund (you )?\d{1,2} ?%", r"\b(refund|give) you (back )?(half|part) of\b"),
    "de": (r"\bteil(rück)?erstattung\b", r"\b\d{1,2} ?% (erstattung|rückerstattung|des kaufpreises)\b",
           r"\berstatten (ihnen )?\d{1,2} ?%", r"\bteil des kaufpreises\b"),
    "fr": (r"\bremboursement partiel\b", r"\bremboursement de \d{1,2} ?%", r"\brembourser \d{1,2} ?%"),
    "it": (r"\brimborso parziale\b", r"\brimborso del \d{1,2} ?%", r"\brimborsar(e|le|ti) il \d{1,2} ?%"),
    "es": (r"\breembolso parcial\b", r"\breembolso del \d{1,2} ?%", r"\breembolsar(le|te)? el \d{1,2} ?%"),
    "ja": (r"一部返金|部分返金|一部を返金", r"\d{1,2} ?(%|割)を?(ご)?返金", r"半額を?(ご)?返金"),
}
KEEP_ITEM: dict[str, tuple[str, ...]] = {
    "en": (r"\bkeep (it|them|(the|this|your) \w+)\b",
           r"\b(no need|don't need|do not need) to (return|send (it|the item) back)\b",
           r"\b(instead of|rather than) (returning|a return|sending it back)\b"),
    "de": (r"\b(artikel|ware|produkt)\w* (gerne )?behalten\b", r"\bbehalten sie (den|das|die) (artikel|produkt|ware)",
           r"\bnicht (zurück(zu)?senden|zurückzuschicken|zurückschicken)", r"\b(statt|ohne) (einer )?rücksendung\b"),
    "fr": (r"\b(garder|conserver|gardez|conservez) (l'article|le produit|l'objet|la commande|le colis)",
           r"\bsans (le )?retourner\b", r"\bau lieu de (le )?retourner\b", r"\bpas besoin de (le )?retourner\b"),
    "it": (r"\b(tenere|tenga|tieni|trattenere) (l'articolo|il prodotto|la merce)", r"\bsenza (restituir|rispedir)\w*",
           r"\binvece di (restituir|rispedir)\w*", r"\bnon (è necessario|serve) (restituir|rispedir)\w*"),
    "es": (r"\b(quedarse|quédese|quédate|conservar|conserve) (con )?(el artículo|el producto|la mercancía|el pedido)",
           r"\bsin (necesidad de )?devolver\w*", r"\ben lugar de devolver\w*",
           r"\bno (es necesario|hace falta) devolver\w*"),
    "ja": (r"返品(は)?不要", r"返品(せず|しない|なし)", r"そのまま(お使い|ご使用|お持ち)", r"お手元に(残|置|保管)", r"返送(は)?不要"),
}
MONEY = r"[$€£¥]\s?\d|\d\s?(€|euros?\b|eur\b|dollars?\b|pounds?\b|円)"  # an amount offered, in any language
OFFER: dict[str, tuple[str, ...]] = {
    "en": (r"\brefund", r"\bdiscount", r"\bcompensat", r"\bmoney back\b", r"\bcredit\b", r"\bvoucher\b", r"\d ?%",
           MONEY),
    "de": (r"erstatt", r"rabatt", r"nachlass", r"gutschein", r"entschädig", r"gutschrift", r"\bgut(zu)?schreiben\b",
           r"\d ?%"),
    "fr": (r"rembours", r"réduction|remise", r"geste commercial", r"dédommag", r"bon d'achat", r"\d ?%"),
    "it": (r"rimbors", r"sconto", r"risarciment|indennizz", r"buono", r"\d ?%"),
    "es": (r"reembols", r"descuento", r"compensaci", r"cupón|vale\b", r"\d ?%"),
    "ja": (r"返金", r"割引|値引", r"補償", r"クーポン|ギフト券", r"\d ?(%|割)"),
}
# Numbers that look like phone numbers but are not: Amazon order ids, dates, and what follows these labels
# (directly, or after a colon or "is": "in order to call 030 ..." is still a phone number).
NOT_PHONE_NUMBERS = (r"\b\d{3}-\d{7}-\d{7}\b", r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b",
                     r"\b\d{4}[./-]\d{1,2}[./-]\d{1,2}\b")
ID_LABELS: dict[str, tuple[str, ...]] = {
    "en": (r"order( number| no\.?| id| #)?", r"tracking( number| no\.?| id| code)?",
           r"(shipment|parcel|invoice|reference)( number| no\.?| id| #)?",
           r"(case|customer|account|serial|model|item|article|part|batch|lot) (number|no\.?|id|#)", r"asin"),
    "de": (r"(bestell|sendungs|rechnungs|kunden|artikel|serien|modell|auftrags|paket)(nummer|nr\.?)",
           r"tracking-?(nummer|nr\.?)"),
    "fr": (r"n(uméro|°) de (commande|suivi|colis|facture|série|client)", r"référence"),
    "it": (r"numero (d'ordine|dell'ordine|di tracking|di spedizione|di tracciamento|della fattura|di serie|cliente)",
           r"codice (articolo|prodotto|cliente)"),
    "es": (r"número de (pedido|seguimiento|envío|factura|serie|cliente)", r"referencia"),
    "ja": (r"注文番号|追跡番号|お問い合わせ番号|伝票番号|配送番号|請求書番号|型番|品番|シリアル番号|製造番号|お客様番号",),
}
