"""A labelled corpus of sellers' replies to buyers: (language, text, rules it breaks, on a CSBA order).

Written by hand against seed 001's rules and DESIGN section 8, not from the checker's patterns.
Compliant messages include the hard cases a careless checker would block: Amazon order numbers
and tracking ids that look like phone numbers, "your Amazon.de orders", refunds under the standard
policy, coupons the buyer asked about, review and return wording that offers nothing.
`tests/unit/test_message_check.py` asserts precision and recall; `bench/messaging.py` prints them.
"""
C = True  # on a CSBA order (haggling is checked)

COMPLIANT = [
    ("en", "Thank you for your message. Your order 302-1234567-1234567 shipped today with DHL.", C),
    ("en", "Your tracking number is 4155552671 and the parcel should arrive on Friday.", C),
    ("en", "We are sorry the item arrived damaged. Please return it with the prepaid label; "
           "you will receive a full refund under Amazon's standard return policy.", C),
    ("en", "You can see all your Amazon.com orders under Your Orders.", C),
    ("en", "The coupon you asked about is applied by Amazon at checkout; we cannot change it.", C),
    ("en", "We apologise for the delay. The refund of 100% of the order total was issued by Amazon yesterday.", C),
    ("en", "The charger needs 5 V and 2 A. The manual on page 12 explains the setup in 3 steps.", C),
    ("en", "Your invoice number is INV-2026-10-1234 and it is attached to this message.", False),
    ("en", "We read your feedback and have improved the packaging of this product.", C),
    ("en", "Please keep the receipt until the replacement arrives. Tracking id 1Z999AA10123456784.", C),
    ("en", "Thanks for reaching out. The size chart says 42 EU equals 8.5 US.", False),
    ("en", "We have engraved the name exactly as requested: Anna 12.10.2026.", False),
    ("de", "Vielen Dank für Ihre Nachricht. Ihre Bestellung 028-7654321-1234567 wurde heute versandt.", C),
    ("de", "Ihre Sendungsnummer lautet 00340434161234567890, die Zustellung erfolgt morgen.", C),
    ("de", "Alle Ihre Amazon.de Bestellungen finden Sie unter Meine Bestellungen.", C),
    ("de", "Es tut uns leid. Bitte senden Sie den Artikel mit dem Rücksendeetikett zurück; "
           "Sie erhalten die volle Erstattung nach den Amazon-Richtlinien.", C),
    ("de", "Die Rechnungsnummer 2026100123 finden Sie im Anhang.", False),
    ("de", "Der Akku hat 3000 mAh und lädt in etwa 2 Stunden vollständig.", C),
    ("de", "Wir haben Ihr Feedback gelesen und die Verpackung verbessert.", C),
    ("de", "Die Gravur lautet wie gewünscht: Max, 24.12.2026.", False),
    ("de", "Der Gutschein, nach dem Sie fragen, wird von Amazon an der Kasse angewendet.", C),
    ("de", "Bitte behalten Sie die Sendungsnummer, bis das Paket angekommen ist.", C),
    ("de", "Die Erstattung in Höhe von 100 % des Kaufpreises wurde gestern von Amazon veranlasst.", C),
    ("fr", "Merci pour votre message. Votre commande 171-1234567-7654321 a été expédiée aujourd'hui.", C),
    ("fr", "Votre numéro de suivi est 0612345678 ; le colis arrive jeudi.", C),
    ("fr", "Vous retrouvez toutes vos commandes Amazon.fr dans Vos commandes.", C),
    ("fr", "Nous sommes désolés. Merci de retourner l'article avec l'étiquette prépayée ; "
           "vous serez remboursé intégralement selon la politique standard d'Amazon.", C),
    ("fr", "La batterie a une capacité de 3000 mAh et se recharge en 2 heures.", C),
    ("fr", "Nous avons lu votre commentaire et amélioré l'emballage.", C),
    ("fr", "La facture est jointe à ce message, numéro de facture 2026-1001.", False),
    ("fr", "La gravure sera : Claire 14/07/2026.", False),
    ("fr", "Le coupon dont vous parlez est appliqué par Amazon lors du paiement.", C),
    ("fr", "Nous vous prions de nous excuser pour ce retard de livraison.", C),
    ("fr", "La taille 38 correspond à un tour de taille de 72 cm.", C),
    ("it", "Grazie per il messaggio. Il suo ordine 403-1234567-1234567 è stato spedito oggi.", C),
    ("it", "Il numero di tracking è 0212345678, la consegna è prevista venerdì.", C),
    ("it", "Trova tutti i suoi ordini Amazon.it nella sezione I miei ordini.", C),
    ("it", "Ci scusiamo. Restituisca l'articolo con l'etichetta prepagata; riceverà il rimborso completo "
           "secondo la politica standard di Amazon.", C),
    ("it", "La batteria ha 3000 mAh e si ricarica in 2 ore.", C),
    ("it", "Abbiamo letto il suo feedback e migliorato l'imballaggio.", C),
    ("it", "La fattura è allegata a questo messaggio.", False),
    ("it", "L'incisione sarà: Marco 01/05/2026.", False),
    ("it", "Ci scusiamo per il ritardo nella consegna.", C),
    ("it", "La taglia 44 corrisponde a 88 cm di circonferenza.", C),
    ("es", "Gracias por su mensaje. Su pedido 405-7654321-1234567 se envió hoy.", C),
    ("es", "Su número de seguimiento es 912345678 y llegará el viernes.", C),
    ("es", "Puede ver todos sus pedidos de Amazon.es en Mis pedidos.", C),
    ("es", "Lo sentimos. Devuelva el artículo con la etiqueta prepagada; recibirá el reembolso completo "
           "según la política estándar de Amazon.", C),
    ("es", "La batería tiene 3000 mAh y se carga en 2 horas.", C),
    ("es", "Hemos leído su comentario y mejorado el embalaje.", C),
    ("es", "Adjuntamos la factura con el número de factura 2026-55.", False),
    ("es", "El grabado será: Lucía 20/06/2026.", False),
    ("es", "El cupón que menciona lo aplica Amazon al pagar.", C),
    ("es", "Disculpe el retraso en la entrega.", C),
    ("ja", "ご連絡ありがとうございます。ご注文番号250-1234567-7654321の商品は本日発送しました。", C),
    ("ja", "追跡番号は0312345678です。金曜日にお届け予定です。", C),
    ("ja", "Amazon.co.jpのご注文はすべて「注文履歴」からご確認いただけます。", C),
    ("ja", "大変申し訳ございません。着払い伝票で返品いただければ、Amazonの標準ポリシーに従い全額返金いたします。", C),
    ("ja", "バッテリー容量は3000mAhで、約2時間で充電できます。", C),
    ("ja", "いただいたご意見を参考に梱包を改善いたしました。", C),
    ("ja", "請求書を添付いたしました。", False),
    ("ja", "刻印は「ゆき 2026.12.24」で承りました。", False),
    ("ja", "お問い合わせのクーポンはAmazonのレジで適用されます。", C),
    ("ja", "配送が遅れてしまい申し訳ございません。", C),
    ("ja", "サイズ表では27cmがUS9に相当します。", C),
    ("ja", "伝票番号 4580-1234-5678 でヤマト運輸のサイトから確認できます。", C),
    ("en", "Don't worry, you don't need to return the old cable; the replacement is on its way.", C),
    ("en", "Our phone line is closed on Sundays, but Amazon's customer service can help you 24/7.", C),
    ("en", "I checked with DHL: parcel 003404341612 is at your local depot.", C),
    ("de", "Ihre Bestellung vom 03.10.2026 (Bestellnr. 028-1234567-1234567) ist unterwegs.", C),
    ("fr", "Merci, le colis 6A12345678901 est en route.", C),
    ("ja", "お問い合わせ番号：1234-5678-9012 で追跡できます。", C),
    # Added after the rules' first version, unseen by them (none was refused wrongly):
    ("en", "Please send the item back within 30 days; once it arrives we refund the full price.", C),
    ("en", "Your package was handed to Royal Mail, reference 1234 5678 9012 3.", C),
    ("en", "We can send a replacement part free of charge; no return is needed for a missing screw.", C),
    ("en", "Your order total was 49.99 EUR including 19% VAT.", C),
    ("de", "Wir entschuldigen uns für die Unannehmlichkeiten und haben die Ersatzlieferung heute verschickt.", C),
    ("de", "Das Produkt ist mit 230 V kompatibel und hat 2 Jahre Garantie.", C),
    ("de", "Das Paket wird von DHL zugestellt, Sendungsverfolgung unter Meine Bestellungen.", C),
    ("fr", "Votre colis est disponible au point relais depuis le 03/11/2026.", C),
    ("fr", "Nous avons bien reçu votre retour et Amazon vous remboursera sous 3 jours.", C),
    ("it", "Il prodotto è compatibile con iPhone 15 e 16.", C),
    ("es", "Le enviamos las instrucciones en PDF adjunto a este mensaje.", C),
    ("ja", "ご不便をおかけし申し訳ございません。交換品を本日発送いたしました。", C),
    # Numbers labelled as customer, serial or article numbers: refused as phone numbers until their labels joined.
    ("de", "Ihre Kundennummer 0123456789 ist bei uns hinterlegt.", C),
    ("en", "Serial number 0612345678 is covered by the two-year warranty.", C),
    ("fr", "La référence 0312345678 correspond au modèle bleu.", C),
    ("it", "Il codice articolo 0212345678 è quello corretto.", C),
    ("es", "El número de serie 912345678 está en la caja.", C),
    ("ja", "型番 0312345678 の商品でお間違いありません。", C),
]

VIOLATING = [
    ("en", "Would you like to keep the item if I offer you a 40% refund?", C, {"haggling"}),
    ("en", "I can give you a partial refund so you don't have to send it back.", C, {"haggling"}),
    ("en", "Keep the product and we will refund you 30 dollars instead.", C, {"haggling"}),
    ("en", "Please leave us a 5-star review if you are happy!", C, {"review_request"}),
    ("en", "We will send you a free case in exchange for your review.", C, {"review_request"}),
    ("en", "Could you please remove your negative feedback now that it is solved?", C, {"review_request"}),
    ("en", "Use code SAVE20 for 20% off your next order.", C, {"marketing"}),
    ("en", "Check out our new collection of phone cases!", C, {"marketing"}),
    ("en", "More details at https://example-shop.com/help", C, {"link"}),
    ("en", "Visit www.example-shop.com for the manual.", C, {"link"}),
    ("en", "Write to support@example-shop.com and we will help.", C, {"email_address"}),
    ("en", "Call us on +44 20 7946 0958 any time.", C, {"phone_number", "off_platform"}),
    ("en", "We can refund you by PayPal, that is quicker.", C, {"off_platform"}),
    ("en", "Next time order directly from us and save the fees.", C, {"off_platform"}),
    ("de", "Wenn Sie den Artikel behalten, erstatten wir Ihnen 40 % des Kaufpreises.", C, {"haggling"}),
    ("de", "Wir bieten Ihnen eine Teilerstattung an, dann müssen Sie nichts zurücksenden.", C, {"haggling"}),
    ("de", "Bitte geben Sie uns eine positive Bewertung mit 5 Sternen.", C, {"review_request"}),
    ("de", "Könnten Sie Ihre Bewertung ändern, jetzt wo alles geklärt ist?", C, {"review_request"}),
    ("de", "Mit dem Rabattcode HERBST20 sparen Sie bei Ihrer nächsten Bestellung.", C, {"marketing"}),
    ("de", "Abonnieren Sie unseren Newsletter für Neuigkeiten.", C, {"marketing"}),
    ("de", "Die Anleitung finden Sie auf www.beispiel-shop.de/anleitung.", C, {"link"}),
    ("de", "Schreiben Sie uns an service@beispiel-shop.de.", C, {"email_address"}),
    ("de", "Rufen Sie uns an: 030 12345678.", C, {"phone_number"}),
    ("de", "Wir können den Betrag auch per Überweisung zurückzahlen.", C, {"off_platform"}),
    ("de", "Bestellen Sie künftig direkt in unserem Shop beispiel-shop.de und sparen Sie.", C,
     {"off_platform", "link"}),
    ("de", "Schreiben Sie uns einfach per WhatsApp.", C, {"off_platform"}),
    ("fr", "Si vous gardez l'article, nous vous proposons un remboursement partiel de 30 %.", C, {"haggling"}),
    ("fr", "Nous pouvons vous rembourser 50 % sans retourner le produit.", C, {"haggling"}),
    ("fr", "Merci de nous laisser un avis positif sur Amazon.", C, {"review_request"}),
    ("fr", "Pourriez-vous modifier votre avis maintenant que le problème est résolu ?", C, {"review_request"}),
    ("fr", "Profitez de 15 % de réduction avec le code promo HIVER15.", C, {"marketing"}),
    ("fr", "Découvrez nos autres produits dans notre boutique.", C, {"marketing"}),
    ("fr", "Le manuel est sur https://exemple-boutique.fr/aide.", C, {"link"}),
    ("fr", "Écrivez-nous à contact@exemple-boutique.fr.", C, {"email_address"}),
    ("fr", "Appelez-nous au 01 23 45 67 89.", C, {"phone_number"}),
    ("fr", "Nous pouvons vous rembourser par virement bancaire.", C, {"off_platform"}),
    ("it", "Se tiene l'articolo le offriamo un rimborso parziale del 30%.", C, {"haggling"}),
    ("it", "Possiamo rimborsarle il 40% senza restituire il prodotto.", C, {"haggling"}),
    ("it", "Ci lasci una recensione positiva, per favore.", C, {"review_request"}),
    ("it", "Le chiediamo di rimuovere la sua recensione ora che è tutto risolto.", C, {"review_request"}),
    ("it", "Con il codice sconto PRIMAVERA10 ha il 10% di sconto.", C, {"marketing"}),
    ("it", "Scopra i nostri altri prodotti!", C, {"marketing"}),
    ("it", "Trova il manuale su www.esempio-negozio.it.", C, {"link"}),
    ("it", "Ci scriva a assistenza@esempio-negozio.it.", C, {"email_address"}),
    ("it", "Ci chiami al 02 1234 5678.", C, {"phone_number"}),
    ("it", "Possiamo rimborsarla con un bonifico bancario.", C, {"off_platform"}),
    ("es", "Si se queda con el artículo le ofrecemos un reembolso parcial del 30%.", C, {"haggling"}),
    ("es", "Podemos reembolsarle el 40% sin devolver el producto.", C, {"haggling"}),
    ("es", "Por favor, déjenos una reseña positiva.", C, {"review_request"}),
    ("es", "¿Podría eliminar su reseña ahora que está todo resuelto?", C, {"review_request"}),
    ("es", "Con el código de descuento VERANO10 tiene un 10% de descuento.", C, {"marketing"}),
    ("es", "Descubra nuestros otros productos.", C, {"marketing"}),
    ("es", "El manual está en https://ejemplo-tienda.es/ayuda.", C, {"link"}),
    ("es", "Escríbanos a soporte@ejemplo-tienda.es.", C, {"email_address"}),
    ("es", "Llámenos al 912 345 678.", C, {"phone_number"}),
    ("es", "Podemos pagarle fuera de Amazon, es más rápido.", C, {"off_platform"}),
    ("ja", "返品不要で、代金の30%を返金いたします。", C, {"haggling"}),
    ("ja", "そのままお使いいただけるなら、一部返金させていただきます。", C, {"haggling"}),
    ("ja", "よろしければ星5のレビューをお願いいたします。", C, {"review_request"}),
    ("ja", "解決しましたので、レビューを削除していただけますか。", C, {"review_request"}),
    ("ja", "次回のご購入に使える割引コードをお送りします。", C, {"marketing"}),
    ("ja", "当店の新商品もぜひご覧ください。", C, {"marketing"}),
    ("ja", "詳しくは https://example.jp/help をご覧ください。", C, {"link"}),
    ("ja", "support@example.jp までご連絡ください。", C, {"email_address"}),
    ("ja", "お電話は03-1234-5678までお願いします。", C, {"phone_number"}),
    ("ja", "LINEでご連絡いただければすぐに対応します。", C, {"off_platform"}),
    ("ja", "銀行振込で返金することもできます。", C, {"off_platform"}),
    ("ja", "詳細はｗｗｗ．ｅｘａｍｐｌｅ．ｊｐをご覧ください。", C, {"link"}),
    ("en", "If you prefer, keep it and we refund 20%.", C, {"haggling"}),
    ("en", "See Amazon.de/dp/B000000001 for our other items.", C, {"link", "marketing"}),
    ("en", "Write to me: anna [at] shop [dot] de", C, {"email_address"}),
    ("de", "Rufen Sie gern unter +49 (0)30 1234567 an.", C, {"phone_number"}),
    # Added after the rules' first version: the two haggling ones were missed, until "keep the <thing>" and an
    # amount of money (15 Euro, $15) joined the phrases.
    ("en", "Drop us a line at help@shop-example.co.uk", C, {"email_address"}),
    ("en", "If you rate us five stars we'll send you a free gift.", C, {"review_request"}),
    ("en", "You can also find us on Instagram, follow us for deals!", C, {"marketing"}),
    ("en", "Keep the lamp and I'll send you $15 back, no need for the hassle of a return.", C, {"haggling"}),
    ("de", "Gerne können Sie den Artikel behalten, wir schreiben Ihnen 15 Euro gut.", C, {"haggling"}),
    ("de", "Tel.: 089 123456", C, {"phone_number"}),
    ("de", "Bei Fragen: +33 1 42 68 53 00", C, {"phone_number"}),
    ("fr", "Gardez le produit, nous vous offrons un geste commercial de 10 euros.", C, {"haggling"}),
    ("it", "Per qualsiasi problema scriva su WhatsApp al nostro servizio.", C, {"off_platform"}),
    ("es", "Más información en nuestra web tienda-ejemplo.com", C, {"link"}),
    ("es", "Si nos deja una valoración de 5 estrellas le enviamos un regalo.", C, {"review_request"}),
    ("ja", "返品せずにそのままお使いいただければ、1000円をご返金します。", C, {"haggling"}),
    ("en", "In order to reach us faster, dial 030 12345678.", C, {"phone_number"}),
    ("en", "In case 030 12345678 is busy, try again later.", C, {"phone_number"}),
]
# The same words are not haggling when the order is not a CSBA one (the seller runs its own service).
NOT_CSBA = [
    ("en", "Would you like to keep the item if I offer you a 40% refund?"),
    ("de", "Wir bieten Ihnen eine Teilerstattung an, dann müssen Sie nichts zurücksenden."),
]


def scores(check) -> dict[str, dict[str, float | int]]:
    """Per rule and "overall": true and false positives, false negatives, precision and recall.

    `check(text, csba_order)` returns the rule codes it finds; a message's rules are compared as sets.
    """
    labelled = [(text, csba, set()) for _, text, csba in COMPLIANT] + [(t, csba, r) for _, t, csba, r in VIOLATING]
    labelled += [(text, False, set()) for _, text in NOT_CSBA]
    tally: dict[str, dict[str, int]] = {}
    for text, csba, expected in labelled:
        found = set(check(text, csba))
        for rule in found | expected:
            counts = tally.setdefault(rule, {"tp": 0, "fp": 0, "fn": 0})
            counts["tp" if rule in found and rule in expected else "fp" if rule in found else "fn"] += 1
    tally["overall"] = {key: sum(c[key] for c in tally.values()) for key in ("tp", "fp", "fn")}
    return {rule: {**c, "precision": _ratio(c["tp"], c["tp"] + c["fp"]), "recall": _ratio(c["tp"], c["tp"] + c["fn"])}
            for rule, c in tally.items()}


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0
