<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL" sourcelanguage="en">
    <context>
        <name>GeoBlur</name>
        <message>
            <location filename="../qgis_support/dependencies.py" line="111" />
            <source>GeoBlur needs the Python packages {packages}, which the Python running QGIS cannot import. Install them with this command, then restart QGIS:
{command}</source>
            <translation>GeoBlur heeft de Python-pakketten {packages} nodig, die de Python-installatie van QGIS niet kan importeren. Installeer ze met deze opdracht en start QGIS daarna opnieuw:
{command}</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="41" />
            <source>Face</source>
            <translation>Gezicht</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="41" />
            <source>Person</source>
            <translation>Persoon</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="41" />
            <source>Licence plate</source>
            <translation>Kentekenplaat</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="42" />
            <source>Vehicle</source>
            <translation>Voertuig</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="42" />
            <source>Rejected in review</source>
            <translation>Afgewezen bij controle</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="46" />
            <source>Anonymized</source>
            <translation>Geanonimiseerd</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="46" />
            <source>Failed (no copy)</source>
            <translation>Mislukt (geen kopie)</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="46" />
            <source>Skipped</source>
            <translation>Overgeslagen</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="91" />
            <source>No anonymized copy.</source>
            <translation>Geen geanonimiseerde kopie.</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="95" />
            <source>Open the anonymized copy</source>
            <translation>Geanonimiseerde kopie openen</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="104" />
            <source>Review image</source>
            <translation>Afbeelding controleren</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="171" />
            <source>The layer {} could not be opened to store its style.</source>
            <translation>De laag {} kon niet worden geopend om de stijl ervan op te slaan.</translation>
        </message>
        <message>
            <location filename="../qgis_support/styles.py" line="173" />
            <source>GeoBlur's style: symbols, map tip and actions</source>
            <translation>Stijl van GeoBlur: symbolen, kaarttip en acties</translation>
        </message>
        <message>
            <location filename="../plugin/main.py" line="49" />
            <source>Anonymize images attached to points…</source>
            <translation>Aan punten gekoppelde afbeeldingen anonimiseren…</translation>
        </message>
        <message>
            <location filename="../plugin/main.py" line="52" />
            <source>GeoBlur</source>
            <translation>GeoBlur</translation>
        </message>
        <message>
            <location filename="../plugin/main.py" line="53" />
            <source>Review image…</source>
            <translation>Afbeelding controleren…</translation>
        </message>
        <message>
            <location filename="../plugin/main.py" line="73" />
            <source>Select the images layer of a GeoBlur run (OUTPUT_IMAGES) in the Layers panel.</source>
            <translation>Selecteer in het paneel Lagen de afbeeldingenlaag van een GeoBlur-uitvoering (OUTPUT_IMAGES).</translation>
        </message>
        <message>
            <location filename="../plugin/main.py" line="84" />
            <source>Click the image to review on the map.</source>
            <translation>Klik op de kaart op de afbeelding die u wilt controleren.</translation>
        </message>
        <message>
            <location filename="../plugin/main.py" line="100" />
            <source>The images layer is no longer in the project.</source>
            <translation>De afbeeldingenlaag staat niet meer in het project.</translation>
        </message>
        <message>
            <location filename="../plugin/main.py" line="105" />
            <source>Add the run's detections layer (OUTPUT) to the project: the review edits it.</source>
            <translation>Voeg de detectielaag (OUTPUT) van de uitvoering toe aan het project: de controle bewerkt deze laag.</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="23" />
            <source>GeoBlur review</source>
            <translation>GeoBlur-controle</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="52" />
            <source>Pan</source>
            <translation>Verschuiven</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="53" />
            <source>Draw a box</source>
            <translation>Kader tekenen</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="55" />
            <source>Select a shape</source>
            <translation>Vorm selecteren</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="56" />
            <source>Redraw the selected shape</source>
            <translation>Geselecteerde vorm opnieuw tekenen</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="57" />
            <source>Delete the selected shape</source>
            <translation>Geselecteerde vorm verwijderen</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="59" />
            <source>Save and re-render</source>
            <translation>Opslaan en opnieuw renderen</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="60" />
            <source>Discard changes</source>
            <translation>Wijzigingen verwerpen</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="96" />
            <source>{count} shape(s) on {path}. Draw the objects the models missed, delete the false alarms, then save: the copy is rendered again from the original.</source>
            <translation>{count} vorm(en) op {path}. Teken de objecten die de modellen hebben gemist, verwijder de onterechte detecties en sla daarna op: de kopie wordt opnieuw gerenderd vanuit het origineel.</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="168" />
            <source>Rendering failed, the copy was removed: {}</source>
            <translation>Renderen mislukt, de kopie is verwijderd: {}</translation>
        </message>
        <message>
            <location filename="../plugin/review/dock.py" line="170" />
            <source>Saved; the copy {} shows the review.</source>
            <translation>Opgeslagen; de kopie {} toont het resultaat van de controle.</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="77" />
            <source>Feature {fid} of {layer} has no anonymized copy to review (status: {status}). Run the anonymization for it first.</source>
            <translation>Object {fid} van {layer} heeft geen geanonimiseerde kopie om te controleren (status: {status}). Voer er eerst de anonimisering voor uit.</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="87" />
            <source>Feature {fid}: the original {path} cannot be opened ({error}); the review needs the originals.</source>
            <translation>Object {fid}: het origineel {path} kan niet worden geopend ({error}); voor de controle zijn de originelen nodig.</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="105" />
            <source>Original (review only)</source>
            <translation>Origineel (alleen voor controle)</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="107" />
            <source>The original {} could not be shown.</source>
            <translation>Het origineel {} kon niet worden weergegeven.</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="111" />
            <source>Detections under review</source>
            <translation>Te controleren detecties</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="169" />
            <source>A shape has the class {cls!r}; choose one of {classes}.</source>
            <translation>Een vorm heeft de klasse {cls!r}; kies een van {classes}.</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="172" />
            <source>A shape has no area; draw it again or delete it.</source>
            <translation>Een vorm heeft geen oppervlakte; teken deze opnieuw of verwijder deze.</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="181" />
            <source>The layer {} has unsaved edits: save or discard them first.</source>
            <translation>De laag {} heeft niet-opgeslagen bewerkingen: sla ze eerst op of verwerp ze.</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="183" />
            <source>The layer {} cannot be edited (read-only?).</source>
            <translation>De laag {} kan niet worden bewerkt (alleen-lezen?).</translation>
        </message>
        <message>
            <location filename="../plugin/review/session.py" line="202" />
            <source>The review could not be saved into {layer}: {errors}</source>
            <translation>De controle kon niet worden opgeslagen in {layer}: {errors}</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="32" />
            <source>Anonymize images attached to points</source>
            <translation>Aan punten gekoppelde afbeeldingen anonimiseren</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="35" />
            <source>Anonymization</source>
            <translation>Anonimisering</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="41" />
            <source>privacy,blur,face,person,licence plate,vehicle,photo,panorama,360,GDPR</source>
            <translation>privacy,vervagen,gezicht,persoon,kenteken,kentekenplaat,voertuig,foto,panorama,360,AVG</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="47" />
            <source>Detects faces, persons, licence plates and vehicles in the photos and 360° panoramas whose paths a point layer holds, and writes anonymized copies plus a layer of where each detection is. Originals are never modified; an image that cannot be fully processed gets no copy and a failed status saying why, and the run goes on. A rerun over the same output folder skips the images whose copy is up to date. Advanced parameters set the thresholds, the mask, the device, worker processes or a Dask cluster, and your own models. The Help button opens the description of every parameter and output.</source>
            <translation>Detecteert gezichten, personen, kentekenplaten en voertuigen in de foto's en 360°-panorama's waarvan een puntlaag de paden bevat, en schrijft geanonimiseerde kopieën plus een laag met de locatie van elke detectie. Originelen worden nooit gewijzigd; een afbeelding die niet volledig verwerkt kan worden, krijgt geen kopie maar de status “failed” met de reden, en de verwerking gaat door. Een nieuwe uitvoering naar dezelfde uitvoermap slaat de afbeeldingen over waarvan de kopie actueel is. Met de geavanceerde parameters stelt u de drempelwaarden, het masker, het apparaat, werkprocessen of een Dask-cluster en uw eigen modellen in. De knop Help opent de beschrijving van elke parameter en elke uitvoer.</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="75" />
            <source>The input layer has no field {name!r} for the image paths; its fields are: {fields}. Choose IMAGE_FIELD.</source>
            <translation>De invoerlaag heeft geen veld {name!r} voor de afbeeldingspaden; de velden zijn: {fields}. Kies een veld bij IMAGE_FIELD.</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="80" />
            <source>The field {name!r} holds {kind} values, not text, so it cannot hold image paths. Choose the text field with the paths (IMAGE_FIELD), e.g. 'photo' as written by 'Import geotagged photos'.</source>
            <translation>Het veld {name!r} bevat waarden van het type {kind}, geen tekst, en kan dus geen afbeeldingspaden bevatten. Kies het tekstveld met de paden (IMAGE_FIELD), bijv. “photo” zoals geschreven door “Foto's met geotags importeren”.</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="94" />
            <source>The layer has no heading field {name!r}: detections are placed at the camera.</source>
            <translation>De laag heeft geen veld {name!r} voor de kijkrichting: detecties worden op de camerapositie geplaatst.</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="117" />
            <source>The layer has no valid CRS: footprints assume its units are metres.</source>
            <translation>De laag heeft geen geldig CRS: voor de footprints wordt aangenomen dat de eenheden meters zijn.</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="131" />
            <source>Feature {fid}: {reason}</source>
            <translation>Object {fid}: {reason}</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="134" />
            <source>Feature {fid} ({path}): {notes}</source>
            <translation>Object {fid} ({path}): {notes}</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="138" />
            <source>Canceled: the images not started are marked skipped.</source>
            <translation>Geannuleerd: de niet-gestarte afbeeldingen zijn gemarkeerd als overgeslagen.</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="144" />
            <source>{anonymized} images anonymized, {failed} failed, {skipped} skipped; {detections} detections. Anonymized copies are in {folder}.</source>
            <translation>{anonymized} afbeeldingen geanonimiseerd, {failed} mislukt, {skipped} overgeslagen; {detections} detecties. De geanonimiseerde kopieën staan in {folder}.</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="165" />
            <source>The style of {path} was not stored: {problem}</source>
            <translation>De stijl van {path} is niet opgeslagen: {problem}</translation>
        </message>
        <message>
            <location filename="../processing_provider/anonymize_images.py" line="202" />
            <source>Anonymizing {classes} on {device}, in {engine}.</source>
            <translation>Anonimiseren van {classes} op {device}, in {engine}.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="71" />
            <source>Evaluate anonymization</source>
            <translation>Anonimisering evalueren</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="74" />
            <source>Evaluation</source>
            <translation>Evaluatie</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="80" />
            <source>Measures how well anonymized images hide what they must, on images you have labelled.

Ground truth: a COCO JSON file, or a folder of YOLO .txt labels or Pascal VOC .xml files (classes face, person, license_plate/plate, vehicle/car…; COCO iscrowd and 'dontcare' regions count neither way; COCO annotations sharing a 'group' key are pieces of one object). Originals: the folder of the labelled images (default: beside the ground truth).

Give either the folder of anonymized copies (any tool: each copy is compared with its original) or the detections layer written by 'Anonymize images attached to points' with the mask scale of that run.

The measure is coverage, not IoU: for each object, the share of its pixels that are obscured (a face's pixels are the ellipse inscribed in its box; other classes, the box). Per class and size (square root of the box area: S &lt; 32 px, M 32–96, L ≥ 96, or your own bucket edges): pixels_obscured, r50 and r90 (share of objects at least 50% / 90% obscured), and over (share of background pixels obscured, away from labelled objects).

The HTML report shows the table, the worst misses and every annotation that could not be taken as it was. Its crops show ORIGINAL pixels: keep it as confidential as the originals.</source>
            <translation>Meet op afbeeldingen die u zelf hebt gelabeld hoe goed geanonimiseerde afbeeldingen verbergen wat ze moeten verbergen.

Ground truth: een COCO JSON-bestand, of een map met YOLO .txt-labels of Pascal VOC .xml-bestanden (klassen face, person, license_plate/plate, vehicle/car…; COCO-iscrowd- en “dontcare”-gebieden tellen niet mee, als object noch als achtergrond; COCO-annotaties met dezelfde “group”-sleutel zijn delen van één object). Originelen: de map met de gelabelde afbeeldingen (standaard: naast de ground truth).

Geef ofwel de map met geanonimiseerde kopieën op (van elk willekeurig programma: elke kopie wordt vergeleken met het origineel), ofwel de detectielaag die “Aan punten gekoppelde afbeeldingen anonimiseren” heeft geschreven, met de maskervergroting van die uitvoering.

De maat is dekking, niet IoU: per object het aandeel van de pixels dat verborgen is (de pixels van een gezicht vormen de ingeschreven ellips van het kader; bij andere klassen het kader zelf). Per klasse en grootte (vierkantswortel van de kaderoppervlakte: S &lt; 32 px, M 32–96, L ≥ 96, of eigen grenzen van de grootteklassen): pixels_obscured, r50 en r90 (aandeel objecten dat voor minstens 50% / 90% verborgen is), en over (aandeel verborgen achtergrondpixels, buiten gelabelde objecten).

Het HTML-rapport toont de tabel, de grootste missers en elke annotatie die niet ongewijzigd kon worden overgenomen. De uitsneden tonen ORIGINELE pixels: behandel het rapport even vertrouwelijk als de originelen.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="105" />
            <source>Ground truth (COCO .json file, or a YOLO / Pascal VOC folder or a file in it)</source>
            <translation>Ground truth (COCO .json-bestand, of een YOLO- / Pascal VOC-map of een bestand daarin)</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="107" />
            <source>COCO JSON (*.json);;YOLO labels (*.txt *.yaml *.names);;Pascal VOC (*.xml);;All files (*)</source>
            <translation>COCO JSON (*.json);;YOLO-labels (*.txt *.yaml *.names);;Pascal VOC (*.xml);;Alle bestanden (*)</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="113" />
            <source>Ground truth format</source>
            <translation>Indeling van de ground truth</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="114" />
            <source>Detect from the file</source>
            <translation>Uit het bestand bepalen</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="114" />
            <source>COCO JSON</source>
            <translation>COCO JSON</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="114" />
            <source>YOLO txt</source>
            <translation>YOLO txt</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="114" />
            <source>Pascal VOC xml</source>
            <translation>Pascal VOC xml</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="121" />
            <source>Folder of the original images (default: beside the ground truth)</source>
            <translation>Map met de originele afbeeldingen (standaard: naast de ground truth)</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="129" />
            <source>Folder of the anonymized copies</source>
            <translation>Map met de geanonimiseerde kopieën</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="137" />
            <source>…or the detections layer written by 'Anonymize images attached to points'</source>
            <translation>…of de detectielaag geschreven door “Aan punten gekoppelde afbeeldingen anonimiseren”</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="144" />
            <source>Mask scale of the anonymization run (with a detections layer)</source>
            <translation>Maskervergroting die bij het anonimiseren is gebruikt (bij een detectielaag)</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="155" />
            <source>Size bucket edges in pixels, comma-separated</source>
            <translation>Grenzen van de grootteklassen in pixels, door komma's gescheiden</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="161" />
            <source>Worst misses shown in the report</source>
            <translation>Aantal grootste missers in het rapport</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="167" />
            <source>Coverage by class and size</source>
            <translation>Dekking per klasse en grootte</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="172" />
            <source>Evaluation report</source>
            <translation>Evaluatierapport</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="172" />
            <source>HTML files (*.html)</source>
            <translation>HTML-bestanden (*.html)</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="177" />
            <source>Images evaluated</source>
            <translation>Geëvalueerde afbeeldingen</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="178" />
            <source>Images not evaluated</source>
            <translation>Niet-geëvalueerde afbeeldingen</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="179" />
            <source>Annotations or images with a problem</source>
            <translation>Annotaties of afbeeldingen met een probleem</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="185" />
            <source>Give either the folder of anonymized copies or the detections layer of the anonymization run (exactly one of the two).</source>
            <translation>Geef ofwel de map met geanonimiseerde kopieën op, ofwel de detectielaag van de anonimisering (precies één van beide).</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="205" />
            <source>The folder of original images {} does not exist.</source>
            <translation>De map met originele afbeeldingen {} bestaat niet.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="208" />
            <source>{} images labelled ({}), {} annotation problem(s); scoring {}.</source>
            <translation>{} afbeeldingen gelabeld ({}), {} annotatieprobleem(en); beoordeling op basis van {}.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="217" />
            <source>Evaluation canceled; nothing was written.</source>
            <translation>Evaluatie geannuleerd; er is niets geschreven.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="223" />
            <source>… and {} more problems, listed in the report.</source>
            <translation>… en nog {} problemen, vermeld in het rapport.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="227" />
            <source>No image could be evaluated: check the originals folder and the copies or detections (see the warnings).</source>
            <translation>Geen enkele afbeelding kon worden geëvalueerd: controleer de map met originelen en de kopieën of detecties (zie de waarschuwingen).</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="235" />
            <source>{} objects in {} images: {:.3f} of their pixels obscured; {:.3f} of them at least 90% obscured.</source>
            <translation>{} objecten in {} afbeeldingen: aandeel verborgen pixels {:.3f}; aandeel objecten voor minstens 90% verborgen {:.3f}.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="258" />
            <source>Ground truth {} does not exist; choose a COCO .json file or a YOLO / Pascal VOC folder.</source>
            <translation>Ground truth {} bestaat niet; kies een COCO .json-bestand of een YOLO- / Pascal VOC-map.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="268" />
            <source>The folder of anonymized copies {} does not exist.</source>
            <translation>De map met geanonimiseerde kopieën {} bestaat niet.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="272" />
            <source>The detections layer cannot be read.</source>
            <translation>De detectielaag kan niet worden gelezen.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="298" />
            <source>{} detection(s) with empty or invalid fields were ignored.</source>
            <translation>{} detectie(s) met lege of ongeldige velden genegeerd.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="322" />
            <source>Ground truth</source>
            <translation>Ground truth</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="323" />
            <source>Originals</source>
            <translation>Originelen</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="324" />
            <source>Scored from</source>
            <translation>Beoordeeld op basis van</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="327" />
            <source>Objects</source>
            <translation>Objecten</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="328" />
            <source>Share of object pixels obscured</source>
            <translation>Aandeel verborgen objectpixels</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="329" />
            <source>Objects at least 90% obscured</source>
            <translation>Objecten voor minstens 90% verborgen</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="330" />
            <source>Background obscured (over)</source>
            <translation>Verborgen achtergrond (over)</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="331" />
            <source>Size buckets (px)</source>
            <translation>Grootteklassen (px)</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="336" />
            <source>GeoBlur anonymization report</source>
            <translation>GeoBlur-anonimiseringsrapport</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="339" />
            <source>pixels_obscured: share of the objects' pixels obscured (a face's pixels: the ellipse inscribed in its box; other classes: the box). r50 / r90: share of objects at least 50% / 90% obscured. over: share of background pixels obscured (away from labelled objects, crowd and don't-care regions). Size: square root of the box area, in pixels.</source>
            <translation>pixels_obscured: aandeel verborgen pixels van de objecten (pixels van een gezicht: de ingeschreven ellips van het kader; andere klassen: het kader). r50 / r90: aandeel objecten dat voor minstens 50% / 90% verborgen is. over: aandeel verborgen achtergrondpixels (buiten gelabelde objecten en crowd- en don't-care-gebieden). Grootte: vierkantswortel van de kaderoppervlakte, in pixels.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="345" />
            <source>Worst misses</source>
            <translation>Grootste missers</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="346" />
            <source>Crops of the ORIGINAL images: red = labelled object, blue tint = obscured pixels. This report shows unanonymized faces and plates: keep it as confidential as the originals.</source>
            <translation>Uitsneden van de ORIGINELE afbeeldingen: rood = gelabeld object, blauwe tint = verborgen pixels. Dit rapport toont niet-geanonimiseerde gezichten en kentekenplaten: behandel het even vertrouwelijk als de originelen.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="350" />
            <source>Every object is at least 90% obscured.</source>
            <translation>Elk object is voor minstens 90% verborgen.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="351" />
            <source>Annotations not taken as they were</source>
            <translation>Annotaties die niet ongewijzigd zijn overgenomen</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="352" />
            <source>None.</source>
            <translation>Geen.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="353" />
            <source>… and {count} more.</source>
            <translation>… en nog {count} andere.</translation>
        </message>
        <message>
            <location filename="../processing_provider/evaluate.py" line="354" />
            <source>{image} — {cls} {label}, {size} px, {coverage} obscured</source>
            <translation>{image} — {cls} {label}, {size} px, {coverage} verborgen</translation>
        </message>
        <message>
            <location filename="../processing_provider/jobs.py" line="54" />
            <source>Feature {fid}: heading {value!r} in field {field} is not a number; its detections are placed at the camera.</source>
            <translation>Object {fid}: kijkrichting {value!r} in veld {field} is geen getal; de detecties ervan worden op de camerapositie geplaatst.</translation>
        </message>
        <message>
            <location filename="../processing_provider/jobs.py" line="71" />
            <source>The image path {value!r} is relative but there is no base folder: set BASE_FOLDER or use a layer saved in a file.</source>
            <translation>Het afbeeldingspad {value!r} is relatief, maar er is geen basismap: stel BASE_FOLDER in of gebruik een laag die in een bestand is opgeslagen.</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="68" />
            <source>Faces</source>
            <translation>Gezichten</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="68" />
            <source>Persons</source>
            <translation>Personen</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="68" />
            <source>Licence plates</source>
            <translation>Kentekenplaten</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="68" />
            <source>Vehicles</source>
            <translation>Voertuigen</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="85" />
            <source>Point layer with image paths</source>
            <translation>Puntlaag met afbeeldingspaden</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="90" />
            <source>Field with the image path</source>
            <translation>Veld met het afbeeldingspad</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="93" />
            <source>Base folder for relative image paths (default: the layer's folder)</source>
            <translation>Basismap voor relatieve afbeeldingspaden (standaard: de map van de laag)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="96" />
            <source>Objects to anonymize</source>
            <translation>Te anonimiseren objecten</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="98" />
            <source>Anonymization method</source>
            <translation>Anonimiseringsmethode</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="98" />
            <source>Gaussian blur</source>
            <translation>Gaussiaanse vervaging</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="98" />
            <source>Pixelate</source>
            <translation>Pixeleren</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="98" />
            <source>Solid fill</source>
            <translation>Effen vulling</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="100" />
            <source>Image type</source>
            <translation>Afbeeldingstype</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="101" />
            <source>Automatic (360° panorama when GPano metadata says so, or a 2:1 image whose edges meet)</source>
            <translation>Automatisch (360°-panorama als de GPano-metadata dat aangeven, of een 2:1-afbeelding waarvan de randen op elkaar aansluiten)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="102" />
            <source>Photo</source>
            <translation>Foto</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="102" />
            <source>360° panorama (equirectangular)</source>
            <translation>360°-panorama (equirectangulair)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="104" />
            <source>Field with the camera heading (degrees clockwise from north)</source>
            <translation>Veld met de kijkrichting van de camera (graden met de klok mee vanaf het noorden)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="107" />
            <source>Fill colour (solid fill)</source>
            <translation>Vulkleur (effen vulling)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="108" />
            <source>Detection threshold, all classes (empty: each model's default)</source>
            <translation>Detectiedrempel, alle klassen (leeg: standaardwaarde van elk model)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="109" />
            <source>Detection threshold, faces</source>
            <translation>Detectiedrempel, gezichten</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="110" />
            <source>Detection threshold, persons</source>
            <translation>Detectiedrempel, personen</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="111" />
            <source>Detection threshold, licence plates</source>
            <translation>Detectiedrempel, kentekenplaten</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="112" />
            <source>Detection threshold, vehicles</source>
            <translation>Detectiedrempel, voertuigen</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="114" />
            <source>Mask enlargement (times the detected box)</source>
            <translation>Maskervergroting (veelvoud van het gedetecteerde kader)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="117" />
            <source>Device</source>
            <translation>Apparaat</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="117" />
            <source>Automatic (GPU when available)</source>
            <translation>Automatisch (GPU indien beschikbaar)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="117" />
            <source>CPU</source>
            <translation>CPU</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="117" />
            <source>CUDA GPU</source>
            <translation>CUDA-GPU</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="119" />
            <source>JPEG quality of the anonymized copies</source>
            <translation>JPEG-kwaliteit van de geanonimiseerde kopieën</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="122" />
            <source>Re-encode JPEGs whole (default: new coefficients only in the blocks under the masks)</source>
            <translation>JPEG's volledig opnieuw coderen (standaard: alleen nieuwe coëfficiënten in de blokken onder de maskers)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="125" />
            <source>Horizontal field of view in degrees (when EXIF has no 35 mm focal length)</source>
            <translation>Horizontale beeldhoek in graden (als EXIF geen brandpuntsafstand in 35 mm-equivalent bevat)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="128" />
            <source>Your own models (ONNX files or GeoBlur manifest JSON)</source>
            <translation>Eigen modellen (ONNX-bestanden of GeoBlur-manifest-JSON)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="131" />
            <source>Class map of your own models, e.g. plate=license_plate; car=vehicle; 0=person</source>
            <translation>Klassentoewijzing van uw eigen modellen, bijv. plate=license_plate; car=vehicle; 0=person</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="134" />
            <source>Worker processes (0: one per core; 1: in QGIS's own process)</source>
            <translation>Werkprocessen (0: één per kern; 1: in het eigen proces van QGIS)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="137" />
            <source>Dask scheduler address for a cluster, e.g. tcp://host:8786 (empty: this computer)</source>
            <translation>Adres van de Dask-scheduler van een cluster, bijv. tcp://host:8786 (leeg: deze computer)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="140" />
            <source>Redo images whose anonymized copy is up to date</source>
            <translation>Afbeeldingen opnieuw verwerken waarvan de geanonimiseerde kopie actueel is</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="141" />
            <source>Folder for the anonymized images</source>
            <translation>Map voor de geanonimiseerde afbeeldingen</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="142" />
            <source>Detections</source>
            <translation>Detecties</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="143" />
            <source>Images</source>
            <translation>Afbeeldingen</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="144" />
            <source>Images anonymized</source>
            <translation>Geanonimiseerde afbeeldingen</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="145" />
            <source>Images failed</source>
            <translation>Mislukte afbeeldingen</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="146" />
            <source>Images skipped (up to date or canceled)</source>
            <translation>Overgeslagen afbeeldingen (actueel of geannuleerd)</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="185" />
            <source>MODEL_CLASSES is set but MODELS is empty: add the model files the class map is for, or clear MODEL_CLASSES.</source>
            <translation>MODEL_CLASSES is ingesteld, maar MODELS is leeg: voeg de modelbestanden toe waarvoor de klassentoewijzing bedoeld is, of maak MODEL_CLASSES leeg.</translation>
        </message>
        <message>
            <location filename="../processing_provider/parameters.py" line="201" />
            <source>Choose at least one kind of object to anonymize (CLASSES).</source>
            <translation>Kies ten minste één soort object om te anonimiseren (CLASSES).</translation>
        </message>
        <message>
            <location filename="../processing_provider/provider.py" line="21" />
            <source>GeoBlur: anonymize georeferenced images</source>
            <translation>GeoBlur: gegeorefereerde afbeeldingen anonimiseren</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="72" />
            <source>Re-render anonymized copies from reviewed detections</source>
            <translation>Geanonimiseerde kopieën opnieuw renderen uit gecontroleerde detecties</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="81" />
            <source>privacy,review,render,blur,detections</source>
            <translation>privacy,controle,renderen,vervagen,detecties</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="87" />
            <source>Renders each anonymized copy named in a detections layer (the OUTPUT of 'Anonymize images attached to points', edited in a review or by any tool) again from its original: every row is obscured except those whose decision is 'rejected'. Copies whose rows, method and original did not change since they were written are skipped. A copy whose rows cannot be used (unknown class, a box that is not a box, a missing or changed original) fails: nothing is written and its earlier copy is removed. The originals must be readable at source_path.</source>
            <translation>Rendert elke geanonimiseerde kopie die in een detectielaag voorkomt (de OUTPUT van “Aan punten gekoppelde afbeeldingen anonimiseren”, bewerkt bij een controle of met een ander programma) opnieuw vanuit het origineel: de detectie van elke rij wordt verborgen, behalve rijen met de beslissing (decision) “rejected”. Kopieën waarvan de rijen, de methode en het origineel niet zijn veranderd sinds ze zijn geschreven, worden overgeslagen. Een kopie waarvan de rijen niet bruikbaar zijn (onbekende klasse, een kader dat geen kader is, een ontbrekend of gewijzigd origineel) mislukt: er wordt niets geschreven en de eerdere kopie wordt verwijderd. De originelen moeten leesbaar zijn via source_path.</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="98" />
            <source>Detections (reviewed)</source>
            <translation>Detecties (gecontroleerd)</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="101" />
            <source>As the run recorded it</source>
            <translation>Zoals vastgelegd bij het anonimiseren</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="103" />
            <source>Mask enlargement (empty: as the run recorded it)</source>
            <translation>Maskervergroting (leeg: zoals vastgelegd bij het anonimiseren)</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="110" />
            <source>Render every copy, also those that are up to date</source>
            <translation>Alle kopieën renderen, ook de actuele</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="112" />
            <source>Rendered copies</source>
            <translation>Gerenderde kopieën</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="113" />
            <source>Copies rendered</source>
            <translation>Kopieën gerenderd</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="114" />
            <source>Copies up to date (skipped)</source>
            <translation>Kopieën actueel (overgeslagen)</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="115" />
            <source>Copies failed</source>
            <translation>Kopieën mislukt</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="139" />
            <source>Canceled: {} copies were not rendered.</source>
            <translation>Geannuleerd: {} kopieën zijn niet gerenderd.</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="148" />
            <source>{anonymized} copies rendered, {skipped} up to date, {failed} failed.</source>
            <translation>{anonymized} kopieën gerenderd, {skipped} actueel, {failed} mislukt.</translation>
        </message>
        <message>
            <location filename="../processing_provider/render.py" line="180" />
            <source>{path}: rendered with {count} detection(s).</source>
            <translation>{path}: gerenderd met {count} detectie(s).</translation>
        </message>
        <message>
            <location filename="../processing_provider/sinks.py" line="38" />
            <source>The detections layer lacks the field(s) {}: use the OUTPUT layer of 'Anonymize images attached to points'.</source>
            <translation>De detectielaag mist veld(en) {}: gebruik de laag OUTPUT van “Aan punten gekoppelde afbeeldingen anonimiseren”.</translation>
        </message>
    </context>
</TS>
