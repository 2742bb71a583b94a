<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis minScale="100000000" styleCategories="AllStyleCategories" labelsEnabled="0" readOnly="0" simplifyDrawingTol="1" maxScale="0" simplifyAlgorithm="0" hasScaleBasedVisibilityFlag="0" simplifyMaxScale="1" simplifyLocal="1" version="3.22.16-Białowieża" simplifyDrawingHints="1" symbologyReferenceScale="-1">
 <flags>
  <Identifiable>1</Identifiable>
  <Removable>1</Removable>
  <Searchable>1</Searchable>
  <Private>0</Private>
 </flags>
 <temporal startExpression="" durationField="" endField="" enabled="0" mode="0" endExpression="" startField="" fixedDuration="0" durationUnit="min" limitMode="0" accumulate="0">
  <fixedRange>
   <start></start>
   <end></end>
  </fixedRange>
 </temporal>
 <renderer-v2 symbollevels="0" referencescale="-1" forceraster="0" type="categorizedSymbol" attr="CASE WHEN &quot;decision&quot; = 'rejected' THEN 'rejected' ELSE &quot;class&quot; END" enableorderby="0">
  <categories>
   <category label="Face" symbol="0" render="true" value="face"/>
   <category label="Person" symbol="1" render="true" value="person"/>
   <category label="Licence plate" symbol="2" render="true" value="license_plate"/>
   <category label="Vehicle" symbol="3" render="true" value="vehicle"/>
   <category label="Rejected in review" symbol="4" render="true" value="rejected"/>
  </categories>
  <symbols>
   <symbol clip_to_extent="1" alpha="1" name="0" type="fill" force_rhr="0">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""/>
      <Option name="properties"/>
      <Option name="type" type="QString" value="collection"/>
     </Option>
    </data_defined_properties>
    <layer pass="0" class="SimpleFill" locked="0" enabled="1">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="color" type="QString" value="255,127,0,90"/>
      <Option name="joinstyle" type="QString" value="bevel"/>
      <Option name="offset" type="QString" value="0,0"/>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="offset_unit" type="QString" value="MM"/>
      <Option name="outline_color" type="QString" value="255,127,0,255"/>
      <Option name="outline_style" type="QString" value="solid"/>
      <Option name="outline_width" type="QString" value="0.6"/>
      <Option name="outline_width_unit" type="QString" value="MM"/>
      <Option name="style" type="QString" value="solid"/>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="color" v="255,127,0,90"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="255,127,0,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.6"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="style" v="solid"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties"/>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol clip_to_extent="1" alpha="1" name="1" type="fill" force_rhr="0">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""/>
      <Option name="properties"/>
      <Option name="type" type="QString" value="collection"/>
     </Option>
    </data_defined_properties>
    <layer pass="0" class="SimpleFill" locked="0" enabled="1">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="color" type="QString" value="227,26,28,90"/>
      <Option name="joinstyle" type="QString" value="bevel"/>
      <Option name="offset" type="QString" value="0,0"/>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="offset_unit" type="QString" value="MM"/>
      <Option name="outline_color" type="QString" value="227,26,28,255"/>
      <Option name="outline_style" type="QString" value="solid"/>
      <Option name="outline_width" type="QString" value="0.6"/>
      <Option name="outline_width_unit" type="QString" value="MM"/>
      <Option name="style" type="QString" value="solid"/>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="color" v="227,26,28,90"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="227,26,28,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.6"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="style" v="solid"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties"/>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol clip_to_extent="1" alpha="1" name="2" type="fill" force_rhr="0">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""/>
      <Option name="properties"/>
      <Option name="type" type="QString" value="collection"/>
     </Option>
    </data_defined_properties>
    <layer pass="0" class="SimpleFill" locked="0" enabled="1">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="color" type="QString" value="31,120,180,90"/>
      <Option name="joinstyle" type="QString" value="bevel"/>
      <Option name="offset" type="QString" value="0,0"/>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="offset_unit" type="QString" value="MM"/>
      <Option name="outline_color" type="QString" value="31,120,180,255"/>
      <Option name="outline_style" type="QString" value="solid"/>
      <Option name="outline_width" type="QString" value="0.6"/>
      <Option name="outline_width_unit" type="QString" value="MM"/>
      <Option name="style" type="QString" value="solid"/>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="color" v="31,120,180,90"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="31,120,180,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.6"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="style" v="solid"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties"/>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol clip_to_extent="1" alpha="1" name="3" type="fill" force_rhr="0">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""/>
      <Option name="properties"/>
      <Option name="type" type="QString" value="collection"/>
     </Option>
    </data_defined_properties>
    <layer pass="0" class="SimpleFill" locked="0" enabled="1">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="color" type="QString" value="106,61,154,90"/>
      <Option name="joinstyle" type="QString" value="bevel"/>
      <Option name="offset" type="QString" value="0,0"/>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="offset_unit" type="QString" value="MM"/>
      <Option name="outline_color" type="QString" value="106,61,154,255"/>
      <Option name="outline_style" type="QString" value="solid"/>
      <Option name="outline_width" type="QString" value="0.6"/>
      <Option name="outline_width_unit" type="QString" value="MM"/>
      <Option name="style" type="QString" value="solid"/>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="color" v="106,61,154,90"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="106,61,154,255"/>
     <prop k="outline_style" v="solid"/>
     <prop k="outline_width" v="0.6"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="style" v="solid"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties"/>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol clip_to_extent="1" alpha="1" name="4" type="fill" force_rhr="0">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""/>
      <Option name="properties"/>
      <Option name="type" type="QString" value="collection"/>
     </Option>
    </data_defined_properties>
    <layer pass="0" class="SimpleFill" locked="0" enabled="1">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="color" type="QString" value="0,0,0,0"/>
      <Option name="joinstyle" type="QString" value="bevel"/>
      <Option name="offset" type="QString" value="0,0"/>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"/>
      <Option name="offset_unit" type="QString" value="MM"/>
      <Option name="outline_color" type="QString" value="158,158,158,255"/>
      <Option name="outline_style" type="QString" value="dash"/>
      <Option name="outline_width" type="QString" value="0.6"/>
      <Option name="outline_width_unit" type="QString" value="MM"/>
      <Option name="style" type="QString" value="solid"/>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="color" v="0,0,0,0"/>
     <prop k="joinstyle" v="bevel"/>
     <prop k="offset" v="0,0"/>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"/>
     <prop k="offset_unit" v="MM"/>
     <prop k="outline_color" v="158,158,158,255"/>
     <prop k="outline_style" v="dash"/>
     <prop k="outline_width" v="0.6"/>
     <prop k="outline_width_unit" v="MM"/>
     <prop k="style" v="solid"/>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""/>
       <Option name="properties"/>
       <Option name="type" type="QString" value="collection"/>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
  </symbols>
  <rotation/>
  <sizescale/>
 </renderer-v2>
 <customproperties>
  <Option/>
 </customproperties>
 <blendMode>0</blendMode>
 <featureBlendMode>0</featureBlendMode>
 <layerOpacity>1</layerOpacity>
 <geometryOptions geometryPrecision="0" removeDuplicateNodes="0">
  <activeChecks type="StringList">
   <Option type="QString" value=""/>
  </activeChecks>
  <checkConfiguration/>
 </geometryOptions>
 <legend showLabelLegend="0" type="default-vector"/>
 <referencedLayers/>
 <fieldConfiguration>
  <field name="image_fid" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="source_path" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="output_path" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="class" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="score" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="x_min" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="y_min" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="x_max" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="y_max" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="image_width" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="image_height" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="model" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="bearing" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="distance_m" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="located" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="projection" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="heading" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="horizontal_fov" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="method" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="mask_scale" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="origin" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
  <field name="decision" configurationFlags="None">
   <editWidget type="">
    <config>
     <Option/>
    </config>
   </editWidget>
  </field>
 </fieldConfiguration>
 <aliases>
  <alias field="image_fid" index="0" name=""/>
  <alias field="source_path" index="1" name=""/>
  <alias field="output_path" index="2" name=""/>
  <alias field="class" index="3" name=""/>
  <alias field="score" index="4" name=""/>
  <alias field="x_min" index="5" name=""/>
  <alias field="y_min" index="6" name=""/>
  <alias field="x_max" index="7" name=""/>
  <alias field="y_max" index="8" name=""/>
  <alias field="image_width" index="9" name=""/>
  <alias field="image_height" index="10" name=""/>
  <alias field="model" index="11" name=""/>
  <alias field="bearing" index="12" name=""/>
  <alias field="distance_m" index="13" name=""/>
  <alias field="located" index="14" name=""/>
  <alias field="projection" index="15" name=""/>
  <alias field="heading" index="16" name=""/>
  <alias field="horizontal_fov" index="17" name=""/>
  <alias field="method" index="18" name=""/>
  <alias field="mask_scale" index="19" name=""/>
  <alias field="origin" index="20" name=""/>
  <alias field="decision" index="21" name=""/>
 </aliases>
 <defaults>
  <default applyOnUpdate="0" field="image_fid" expression=""/>
  <default applyOnUpdate="0" field="source_path" expression=""/>
  <default applyOnUpdate="0" field="output_path" expression=""/>
  <default applyOnUpdate="0" field="class" expression=""/>
  <default applyOnUpdate="0" field="score" expression=""/>
  <default applyOnUpdate="0" field="x_min" expression=""/>
  <default applyOnUpdate="0" field="y_min" expression=""/>
  <default applyOnUpdate="0" field="x_max" expression=""/>
  <default applyOnUpdate="0" field="y_max" expression=""/>
  <default applyOnUpdate="0" field="image_width" expression=""/>
  <default applyOnUpdate="0" field="image_height" expression=""/>
  <default applyOnUpdate="0" field="model" expression=""/>
  <default applyOnUpdate="0" field="bearing" expression=""/>
  <default applyOnUpdate="0" field="distance_m" expression=""/>
  <default applyOnUpdate="0" field="located" expression=""/>
  <default applyOnUpdate="0" field="projection" expression=""/>
  <default applyOnUpdate="0" field="heading" expression=""/>
  <default applyOnUpdate="0" field="horizontal_fov" expression=""/>
  <default applyOnUpdate="0" field="method" expression=""/>
  <default applyOnUpdate="0" field="mask_scale" expression=""/>
  <default applyOnUpdate="0" field="origin" expression=""/>
  <default applyOnUpdate="0" field="decision" expression=""/>
 </defaults>
 <constraints>
  <constraint notnull_strength="0" field="image_fid" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="source_path" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="output_path" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="class" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="score" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="x_min" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="y_min" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="x_max" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="y_max" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="image_width" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="image_height" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="model" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="bearing" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="distance_m" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="located" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="projection" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="heading" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="horizontal_fov" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="method" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="mask_scale" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="origin" exp_strength="0" constraints="0" unique_strength="0"/>
  <constraint notnull_strength="0" field="decision" exp_strength="0" constraints="0" unique_strength="0"/>
 </constraints>
 <constraintExpressions>
  <constraint desc="" field="image_fid" exp=""/>
  <constraint desc="" field="source_path" exp=""/>
  <constraint desc="" field="output_path" exp=""/>
  <constraint desc="" field="class" exp=""/>
  <constraint desc="" field="score" exp=""/>
  <constraint desc="" field="x_min" exp=""/>
  <constraint desc="" field="y_min" exp=""/>
  <constraint desc="" field="x_max" exp=""/>
  <constraint desc="" field="y_max" exp=""/>
  <constraint desc="" field="image_width" exp=""/>
  <constraint desc="" field="image_height" exp=""/>
  <constraint desc="" field="model" exp=""/>
  <constraint desc="" field="bearing" exp=""/>
  <constraint desc="" field="distance_m" exp=""/>
  <constraint desc="" field="located" exp=""/>
  <constraint desc="" field="projection" exp=""/>
  <constraint desc="" field="heading" exp=""/>
  <constraint desc="" field="horizontal_fov" exp=""/>
  <constraint desc="" field="method" exp=""/>
  <constraint desc="" field="mask_scale" exp=""/>
  <constraint desc="" field="origin" exp=""/>
  <constraint desc="" field="decision" exp=""/>
 </constraintExpressions>
 <expressionfields/>
 <attributeactions>
  <actionsetting shortTitle="geoblur-open-copy" action="[% &quot;output_path&quot; %]" capture="0" name="Open the anonymized copy" icon="" type="5" notificationMessage="" isEnabledOnlyWhenEditable="0" id="{4d7f0b1e-7c61-4b8e-9a55-0c2f6b0e9a11}">
   <actionScope id="Canvas"/>
   <actionScope id="Feature"/>
  </actionsetting>
 </attributeactions>
 <attributetableconfig actionWidgetStyle="dropDown" sortExpression="" sortOrder="0">
  <columns/>
 </attributetableconfig>
 <conditionalstyles>
  <rowstyles/>
  <fieldstyles/>
 </conditionalstyles>
 <storedexpressions/>
 <editform tolerant="1"></editform>
 <editforminit/>
 <editforminitcodesource>0</editforminitcodesource>
 <editforminitfilepath></editforminitfilepath>
 <editforminitcode><![CDATA[]]></editforminitcode>
 <featformsuppress>0</featformsuppress>
 <editorlayout>generatedlayout</editorlayout>
 <editable/>
 <labelOnTop/>
 <reuseLastValue/>
 <dataDefinedFieldProperties/>
 <widgets/>
 <previewExpression>"class"</previewExpression>
 <mapTip>&lt;p>&lt;b>[% "class" %]&lt;/b> [% format_number("score", 2) %] · [% "model" %]&lt;/p>[% CASE WHEN "output_path" IS NULL THEN 'No anonymized copy.' ELSE '&lt;img src="file:///' || regexp_replace(replace("output_path", '\\', '/'), '^/+', '') || '" style="max-width:320px; max-height:240px"/>' END %]</mapTip>
 <layerGeometryType>2</layerGeometryType>
</qgis>
